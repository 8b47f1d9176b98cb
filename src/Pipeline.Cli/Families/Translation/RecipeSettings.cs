using System.CommandLine;
using Pipeline.Cli.Console;
using Pipeline.Cli.Options;
using Pipeline.Models.Translation;
using Pipeline.Training.Translation;

namespace Pipeline.Cli.Families.Translation;

/// <summary>The options one recipe adds to its <c>train</c> subcommand, and how they fill the run config.</summary>
internal abstract class RecipeOptions
{
    public abstract IEnumerable<Option> All { get; }

    /// <summary>The super-resolution factor (4 for the other recipes, which ignore it).</summary>
    public virtual int Factor(ParseResult r) => 4;

    /// <summary>
    /// <paramref name="config"/> with this recipe's options set for training images of <paramref name="trainSize"/>
    /// (the crop when cropping); <paramref name="widths"/> are --g-width and --d-width when given.
    /// </summary>
    public abstract TranslationRunConfig Apply(ParseResult r, TranslationRunConfig config, int trainSize, (int? G, int? D) widths);

    // Test images are translated whole, so the generator's size multiple must divide them as well as the crop.
    protected static void RequireMultiple(string network, int multiple, int trainSize, int testSize)
    {
        foreach (var size in new[] { trainSize, testSize }.Distinct())
        {
            if (size % multiple != 0)
            {
                throw new CliError($"{network} halves the image to a multiple of {multiple}; {size}x{size} images do not divide: choose --image-size/--crop as multiples of {multiple}.");
            }
        }
    }
}

/// <summary><c>train cyclegan</c>: λ, the identity weight and the image pool.</summary>
internal sealed class CycleGanSettings : RecipeOptions
{
    private static readonly CycleGanOptions Defaults = new();

    public Option<double> CycleWeight { get; } = new Option<double>("--cycle-weight") { Description = "λ of the cycle-consistency loss (10 in the paper)", DefaultValueFactory = _ => Defaults.CycleWeight }.Positive();

    public Option<double> IdentityWeight { get; } = new Option<double>("--identity-weight") { Description = "identity loss weight as a fraction of λ (0.5 in the paper; 0: off)", DefaultValueFactory = _ => Defaults.IdentityWeight }.Within(0, 10);

    public Option<int> PoolSize { get; } = new Option<int>("--pool-size") { Description = "generated images kept for D's updates (50 in the paper; 0: newest only)", DefaultValueFactory = _ => Defaults.PoolSize }.Within(0, 10_000);

    public override IEnumerable<Option> All => [CycleWeight, IdentityWeight, PoolSize];

    public override TranslationRunConfig Apply(ParseResult r, TranslationRunConfig config, int trainSize, (int? G, int? D) widths)
    {
        RequireMultiple("CycleGAN's ResNet generator", 4, trainSize, config.Data.ImageSize);
        return config with
        {
            CycleGan = new CycleGanOptions(config.Data.Channels, trainSize, widths.G ?? Defaults.GeneratorWidth, widths.D ?? Defaults.DiscriminatorWidth,
                r.GetValue(CycleWeight), r.GetValue(IdentityWeight), r.GetValue(PoolSize)),
        };
    }
}

/// <summary><c>train pix2pix</c>: λ of L1, dropout, and --l1-only for the baseline.</summary>
internal sealed class Pix2PixSettings : RecipeOptions
{
    private static readonly Pix2PixOptions Defaults = new();

    public Option<double> L1Weight { get; } = new Option<double>("--l1-weight") { Description = "λ of the L1 term (100 in the paper)", DefaultValueFactory = _ => Defaults.L1Weight }.Positive();

    public Option<double> Dropout { get; } = new Option<double>("--dropout") { Description = "dropout of the three up layers below the bottleneck, the paper's noise (0.5); off in the exported model", DefaultValueFactory = _ => Defaults.Dropout }.Within(0, 0.95);

    public Option<bool> L1Only { get; } = new("--l1-only") { Description = "train the U-Net on L1 alone, without D: the baseline `evaluate --baseline` compares pix2pix with" };

    public override IEnumerable<Option> All => [L1Weight, Dropout, L1Only];

    public override TranslationRunConfig Apply(ParseResult r, TranslationRunConfig config, int trainSize, (int? G, int? D) widths)
    {
        var multiple = 1 << UNetGenerator.DepthFor(trainSize);
        if (multiple < 4)
        {
            throw new CliError($"the U-Net halves the image as often as its size stays even; {trainSize}x{trainSize} halves fewer than twice: choose a size divisible by 4 (e.g. 32).");
        }

        RequireMultiple("The U-Net", multiple, trainSize, config.Data.ImageSize);
        return config with
        {
            Pix2Pix = new Pix2PixOptions(config.Data.Channels, config.Data.Channels, trainSize, widths.G ?? Defaults.GeneratorWidth, widths.D ?? Defaults.DiscriminatorWidth,
                r.GetValue(L1Weight), r.GetValue(Dropout), Adversarial: !r.GetValue(L1Only)),
        };
    }
}

/// <summary><c>train superres</c>: factor, content loss, adversarial weight and trunk depth.</summary>
internal sealed class SuperResolutionSettings : RecipeOptions
{
    private static readonly SuperResolutionOptions Defaults = new();

    public Option<int> FactorOption { get; } = new Option<int>("--factor") { Description = "upscaling: 4 (7x7 → 28x28) or 2 (14x14 → 28x28)", DefaultValueFactory = _ => Defaults.Factor }.OneOf(2, 4);

    public Option<ContentLoss> Content { get; } = new("--content") { Description = "content loss: Mse (SRResNet, best PSNR), L1, or ClassifierFeatures (SRGAN's perceptual loss in the project's Fashion-MNIST classifier's features; no VGG weights here)", DefaultValueFactory = _ => Defaults.Content };

    public Option<double> AdversarialWeight { get; } = new Option<double>("--adversarial-weight") { Description = "weight of G's adversarial loss (10⁻³ in SRGAN; 0: no D, plain content training)", DefaultValueFactory = _ => Defaults.AdversarialWeight }.Within(0, 100);

    public Option<int> Blocks { get; } = new Option<int>("--blocks") { Description = "residual blocks in the trunk (16 published)", DefaultValueFactory = _ => Defaults.Blocks }.Within(1, 64);

    public Option<string?> Classifier { get; } = new("--classifier") { Description = "folder of the classifier for --content ClassifierFeatures, trained there once if absent (default: classifier/ beside the run)" };

    public override IEnumerable<Option> All => [FactorOption, Content, AdversarialWeight, Blocks, Classifier];

    public override int Factor(ParseResult r) => r.GetValue(FactorOption);

    public override TranslationRunConfig Apply(ParseResult r, TranslationRunConfig config, int trainSize, (int? G, int? D) widths)
    {
        if (r.GetValue(Classifier) is not null && r.GetValue(Content) != ContentLoss.ClassifierFeatures)
        {
            throw new CliError("--classifier is the judge of --content ClassifierFeatures; the other content losses take none.");
        }

        if (r.GetValue(Content) == ContentLoss.ClassifierFeatures && (config.Data.Channels, config.Data.ImageSize) != (1, 28))
        {
            throw new CliError($"--content ClassifierFeatures reads the targets with the project's Fashion-MNIST classifier, which takes grey 28x28 images; these are {config.Data.Channels}x{config.Data.ImageSize}x{config.Data.ImageSize}. Use --content Mse or L1.");
        }

        return config with
        {
            ClassifierPath = r.GetValue(Classifier) is { } folder ? Path.GetFullPath(folder) : null,
            SuperResolution = new SuperResolutionOptions(config.Data.Channels, r.GetValue(FactorOption), config.Data.ImageSize, widths.G ?? Defaults.GeneratorWidth,
                r.GetValue(Blocks), widths.D ?? Defaults.DiscriminatorWidth, r.GetValue(Content), r.GetValue(AdversarialWeight)),
        };
    }
}
