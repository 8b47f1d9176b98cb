using Pipeline.Training.Translation;

namespace Pipeline.Cli.Families.Translation;

/// <summary>
/// The options one recipe adds to its <c>train</c> subcommand, and how they fill the run config (whose own validation
/// checks them against the data, so an app training through the application layer meets the same refusals).
/// </summary>
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
}

/// <summary><c>train cyclegan</c>: λ, the identity weight and the image pool.</summary>
internal sealed class CycleGanSettings : RecipeOptions
{
    private static readonly CycleGanOptions Defaults = new();
    private readonly Option<double> _cycleWeight = new Option<double>("--cycle-weight") { Description = "λ of the cycle-consistency loss (10 in the paper)", DefaultValueFactory = _ => Defaults.CycleWeight }.Positive();
    private readonly Option<double> _identityWeight = new Option<double>("--identity-weight") { Description = "identity loss weight as a fraction of λ (0.5 in the paper; 0: off)", DefaultValueFactory = _ => Defaults.IdentityWeight }.Within(0, 10);
    private readonly Option<int> _poolSize = new Option<int>("--pool-size") { Description = "generated images kept for D's updates (50 in the paper; 0: newest only)", DefaultValueFactory = _ => Defaults.PoolSize }.Within(0, 10_000);

    public override IEnumerable<Option> All => [_cycleWeight, _identityWeight, _poolSize];

    public override TranslationRunConfig Apply(ParseResult r, TranslationRunConfig config, int trainSize, (int? G, int? D) widths) => config with
    {
        CycleGan = new CycleGanOptions(config.Data.Channels, trainSize, widths.G ?? Defaults.GeneratorWidth, widths.D ?? Defaults.DiscriminatorWidth,
            r.GetValue(_cycleWeight), r.GetValue(_identityWeight), r.GetValue(_poolSize)),
    };
}

/// <summary><c>train pix2pix</c>: λ of L1, dropout, and --l1-only for the baseline.</summary>
internal sealed class Pix2PixSettings : RecipeOptions
{
    private static readonly Pix2PixOptions Defaults = new();
    private readonly Option<double> _l1Weight = new Option<double>("--l1-weight") { Description = "λ of the L1 term (100 in the paper)", DefaultValueFactory = _ => Defaults.L1Weight }.Positive();
    private readonly Option<double> _dropout = new Option<double>("--dropout") { Description = "dropout of the three up layers below the bottleneck, the paper's noise (0.5); off in the exported model", DefaultValueFactory = _ => Defaults.Dropout }.Within(0, 0.95);
    private readonly Option<bool> _l1Only = new("--l1-only") { Description = "train the U-Net on L1 alone, without D: the baseline `evaluate --baseline` compares pix2pix with" };

    public override IEnumerable<Option> All => [_l1Weight, _dropout, _l1Only];

    public override TranslationRunConfig Apply(ParseResult r, TranslationRunConfig config, int trainSize, (int? G, int? D) widths) => config with
    {
        Pix2Pix = new Pix2PixOptions(config.Data.Channels, config.Data.Channels, trainSize, widths.G ?? Defaults.GeneratorWidth, widths.D ?? Defaults.DiscriminatorWidth,
            r.GetValue(_l1Weight), r.GetValue(_dropout), Adversarial: !r.GetValue(_l1Only)),
    };
}

/// <summary><c>train superres</c>: factor, content loss, adversarial weight and trunk depth.</summary>
internal sealed class SuperResolutionSettings : RecipeOptions
{
    private static readonly SuperResolutionOptions Defaults = new();
    private readonly Option<int> _factor = new Option<int>("--factor") { Description = "upscaling: 4 (7x7 → 28x28) or 2 (14x14 → 28x28)", DefaultValueFactory = _ => Defaults.Factor }.OneOf(2, 4);
    private readonly Option<ContentLoss> _content = new("--content") { Description = "content loss: Mse (SRResNet, best PSNR), L1, or ClassifierFeatures (SRGAN's perceptual loss in the project's Fashion-MNIST classifier's features; no VGG weights here)", DefaultValueFactory = _ => Defaults.Content };
    private readonly Option<double> _adversarialWeight = new Option<double>("--adversarial-weight") { Description = "weight of G's adversarial loss (10⁻³ in SRGAN; 0: no D, plain content training)", DefaultValueFactory = _ => Defaults.AdversarialWeight }.Within(0, 100);
    private readonly Option<int> _blocks = new Option<int>("--blocks") { Description = "residual blocks in the trunk (16 published)", DefaultValueFactory = _ => Defaults.Blocks }.Within(1, 64);
    private readonly Option<string?> _classifier = new("--classifier") { Description = "folder of the classifier for --content ClassifierFeatures, trained there once if absent (default: classifier/ beside the run)" };

    public override IEnumerable<Option> All => [_factor, _content, _adversarialWeight, _blocks, _classifier];

    public override int Factor(ParseResult r) => r.GetValue(_factor);

    public override TranslationRunConfig Apply(ParseResult r, TranslationRunConfig config, int trainSize, (int? G, int? D) widths) => config with
    {
        ClassifierPath = r.GetValue(_classifier) is { } folder ? Path.GetFullPath(folder) : null,
        SuperResolution = new SuperResolutionOptions(config.Data.Channels, r.GetValue(_factor), config.Data.ImageSize, widths.G ?? Defaults.GeneratorWidth,
            r.GetValue(_blocks), widths.D ?? Defaults.DiscriminatorWidth, r.GetValue(_content), r.GetValue(_adversarialWeight)),
    };
}
