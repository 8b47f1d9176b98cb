using System.Text.Json.Serialization;
using Pipeline.Models.Classifiers;
using Pipeline.Models.Gans;

namespace Pipeline.Training.Translation;

/// <summary>What the super-resolution generator's content loss compares.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ContentLoss>))]
public enum ContentLoss
{
    /// <summary>Mean absolute pixel error.</summary>
    L1,

    /// <summary>Mean squared pixel error (SRResNet, Ledig et al. 2017, eq. 4), which maximises PSNR.</summary>
    Mse,

    /// <summary>
    /// Mean squared error between the project's own classifier's penultimate features of output and target: SRGAN's
    /// perceptual loss (eq. 5) with our Fashion-MNIST classifier in place of VGG19, whose weights are not available
    /// here. Its features know clothes, not natural images, so it only suits data like the classifier's.
    /// </summary>
    ClassifierFeatures,
}

/// <summary>A small SRGAN (Ledig et al. 2017).</summary>
/// <param name="Channels">Image channels.</param>
/// <param name="Factor">Upscaling factor: 2 or 4.</param>
/// <param name="HighResolutionSize">Side of the target images (PatchGAN depth).</param>
/// <param name="GeneratorWidth">Trunk channels (64 published).</param>
/// <param name="Blocks">Residual blocks (16 published).</param>
/// <param name="DiscriminatorWidth">PatchGAN width.</param>
/// <param name="Content">The content loss.</param>
/// <param name="AdversarialWeight">Weight of G's adversarial loss (10⁻³ in eq. 3); 0 trains without D (SRResNet).</param>
public sealed record SuperResolutionOptions(
    int Channels = 1,
    int Factor = 4,
    int HighResolutionSize = 28,
    int GeneratorWidth = 32,
    int Blocks = 4,
    int DiscriminatorWidth = 32,
    ContentLoss Content = ContentLoss.Mse,
    double AdversarialWeight = 1e-3);

/// <summary>Builds super-resolution as a <see cref="PairedTranslationRecipe"/>: low resolution in, high resolution out.</summary>
public static class SuperResolutionRecipe
{
    /// <summary>
    /// The recipe; <paramref name="classifier"/> is required for <see cref="ContentLoss.ClassifierFeatures"/>, is put
    /// in eval mode and frozen, and must outlive the recipe.
    /// </summary>
    public static PairedTranslationRecipe Create(SuperResolutionOptions options, TranslationTrainingOptions training, Device device, ImageClassifier? classifier = null)
    {
        random.manual_seed(training.Seed);
        var (generator, discriminator) = TranslationNetworks.SuperResolution(options);
        return new PairedTranslationRecipe(generator, discriminator, conditional: false, Content(options.Content, classifier),
            options.AdversarialWeight, training, device);
    }

    private static Func<Tensor, Tensor, Tensor> Content(ContentLoss loss, ImageClassifier? classifier)
    {
        switch (loss)
        {
            case ContentLoss.L1:
                return (fake, target) => (fake - target).abs().mean();
            case ContentLoss.Mse:
                return (fake, target) => (fake - target).square().mean();
            case ContentLoss.ClassifierFeatures:
                var judge = classifier ?? throw new ArgumentException("The classifier-feature content loss needs a trained classifier.");
                judge.eval();
                foreach (var parameter in judge.parameters())
                {
                    parameter.requires_grad = false;
                }

                // The classifier reads [0, 1] images; the generator works in [−1, 1].
                return (fake, target) =>
                    (judge.Features(DcganGenerator.ToUnitRange(fake)) - judge.Features(DcganGenerator.ToUnitRange(target)).detach()).square().mean();
            default:
                throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown content loss.");
        }
    }
}
