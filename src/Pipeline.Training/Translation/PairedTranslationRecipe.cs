using Pipeline.Training.Gans;
using TorchSharp.Modules;

namespace Pipeline.Training.Translation;

/// <summary>
/// One optimisation step of a paired translator, G: input → target, trained on a reconstruction loss plus, when a
/// discriminator is given, a weighted adversarial loss; the D step follows the G step. pix2pix and super-resolution
/// are both this recipe with different networks and losses (<see cref="Pix2PixRecipe"/>,
/// <see cref="SuperResolutionRecipe"/>). Images are in [−1, 1].
/// </summary>
public sealed class PairedTranslationRecipe : IDisposable
{
    private readonly TranslationTrainingOptions _training;
    private readonly Func<Tensor, Tensor, Tensor> _reconstruction;
    private readonly double _adversarialWeight;
    private readonly bool _conditional;
    private readonly OptimizerHelper _generatorOptimizer;
    private readonly OptimizerHelper? _discriminatorOptimizer;

    /// <summary>Wraps built networks and moves them to <paramref name="device"/>.</summary>
    /// <param name="generator">G.</param>
    /// <param name="discriminator">D, or null for reconstruction-only training.</param>
    /// <param name="conditional">Whether D judges (input, image) concatenated on channels (pix2pix) or the image alone.</param>
    /// <param name="reconstruction">The reconstruction loss of (G(input), target), already weighted.</param>
    /// <param name="adversarialWeight">The weight of G's adversarial loss.</param>
    /// <param name="training">Optimiser, schedule and seed.</param>
    /// <param name="device">Where to train.</param>
    public PairedTranslationRecipe(
        nn.Module<Tensor, Tensor> generator,
        nn.Module<Tensor, Tensor>? discriminator,
        bool conditional,
        Func<Tensor, Tensor, Tensor> reconstruction,
        double adversarialWeight,
        TranslationTrainingOptions training,
        Device device)
    {
        _training = training.Validate();
        _reconstruction = reconstruction;
        _adversarialWeight = adversarialWeight;
        _conditional = conditional;
        Generator = generator;
        Discriminator = discriminator;
        Generator.to(device);
        Discriminator?.to(device);
        _generatorOptimizer = AdversarialUpdates.Adam([generator], training.LearningRate, training.Beta1);
        _discriminatorOptimizer = discriminator is null ? null : AdversarialUpdates.Adam([discriminator], training.LearningRate, training.Beta1);
    }

    /// <summary>G.</summary>
    public nn.Module<Tensor, Tensor> Generator { get; }

    /// <summary>D, or null when training on reconstruction alone.</summary>
    public nn.Module<Tensor, Tensor>? Discriminator { get; }

    /// <summary>One step: G on reconstruction + adversarial loss with D frozen, then D on (real target, detached G output).</summary>
    public PairedLosses Step(Tensor input, Tensor target, long step)
    {
        using var scope = NewDisposeScope();
        AdversarialUpdates.SeedStep(_training.Seed, step);           // dropout noise of this step
        var rate = _training.Schedule.At(step);
        AdversarialUpdates.SetLearningRate(_generatorOptimizer, rate);
        var fake = Generator.call(input);

        _generatorOptimizer.zero_grad();
        var reconstruction = _reconstruction(fake, target);
        var adversarial = zeros(1, device: fake.device).squeeze();
        if (Discriminator is not null)
        {
            AdversarialUpdates.SetTrainable([Discriminator], false);
            adversarial = GanLosses.Generator(_training.Objective, Discriminator.call(Judged(input, fake)));
        }

        (reconstruction + (_adversarialWeight * adversarial)).backward();
        _generatorOptimizer.step();
        if (Discriminator is null || _discriminatorOptimizer is null)
        {
            return new PairedLosses(reconstruction.item<float>(), 0, 0);
        }

        AdversarialUpdates.SetTrainable([Discriminator], true);
        AdversarialUpdates.SetLearningRate(_discriminatorOptimizer, rate);
        _discriminatorOptimizer.zero_grad();
        // Halved as in the pix2pix reference code, which slows D relative to G.
        var discriminatorLoss = 0.5 * GanLosses.Discriminator(
            _training.Objective, Discriminator.call(Judged(input, target)), Discriminator.call(Judged(input, fake.detach())));
        discriminatorLoss.backward();
        _discriminatorOptimizer.step();
        return new PairedLosses(reconstruction.item<float>(), adversarial.item<float>(), discriminatorLoss.item<float>());
    }

    /// <summary>Networks under their checkpoint names.</summary>
    public (string Name, nn.Module Module)[] Modules() => Named(Generator, Discriminator);

    /// <summary>A paired recipe's modules under their checkpoint names, in checkpoint order.</summary>
    public static (string Name, nn.Module Module)[] Named(nn.Module generator, nn.Module? discriminator) => discriminator is null
        ? [("generator", generator)]
        : [("generator", generator), ("discriminator", discriminator)];

    /// <summary>Optimizers under their checkpoint names.</summary>
    public (string Name, OptimizerHelper Optimizer)[] Optimizers() => _discriminatorOptimizer is null
        ? [("adam_generator", _generatorOptimizer)]
        : [.. AdversarialUpdates.Optimizers(_generatorOptimizer, _discriminatorOptimizer)];

    // pix2pix's D judges the pair (input, image) stacked on channels (Isola et al. 2017, eq. 1); SR's D judges the image.
    private Tensor Judged(Tensor input, Tensor image) => _conditional ? cat([input, image], 1) : image;

    /// <inheritdoc />
    public void Dispose()
    {
        _generatorOptimizer.Dispose();
        _discriminatorOptimizer?.Dispose();
        Generator.Dispose();
        Discriminator?.Dispose();
    }
}

/// <summary>One paired step's losses.</summary>
/// <param name="Reconstruction">The weighted reconstruction loss.</param>
/// <param name="Adversarial">G's adversarial loss before weighting (0 without D).</param>
/// <param name="Discriminator">D's loss (0 without D).</param>
public readonly record struct PairedLosses(double Reconstruction, double Adversarial, double Discriminator);
