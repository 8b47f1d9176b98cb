using Pipeline.Application.Translation;
using Pipeline.Training.Gans;
using Pipeline.Training.Translation;
using static Pipeline.Application.Settings.SettingRules;

namespace Pipeline.Application.Settings;

/// <summary>
/// The settings of one translation recipe's training (<c>train cyclegan|pix2pix|superres</c>): its data and
/// augmentation, the shared optimisation settings and the recipe's own, read into a <see cref="TranslationRunConfig"/>
/// whose own validation checks them against the data; and the settings of the verbs on translators.
/// </summary>
public sealed class TranslationSettings
{
    private static readonly CycleGanOptions CycleGanDefaults = new();
    private static readonly Pix2PixOptions Pix2PixDefaults = new();
    private static readonly SuperResolutionOptions SuperResolutionDefaults = new();

    private readonly TranslationRecipeKind _recipe;
    private readonly RecordSettings<TranslationDataRequest> _data = new(new());
    private readonly RecordSettings<TranslationTrainingOptions> _loop = new(new());
    private readonly RecordSettings<TranslationRunConfig> _cadence = new(new(default, null!, null!));
    private readonly RecordSettings<CycleGanOptions> _cycleGan = new(CycleGanDefaults);
    private readonly RecordSettings<Pix2PixOptions> _pix2Pix = new(Pix2PixDefaults);
    private readonly RecordSettings<SuperResolutionOptions> _superResolution = new(SuperResolutionDefaults);
    private readonly Setting<int?> _generatorWidth = new("--g-width", "channels of G's first layer (64 published; 32 by default here)") { Rule = WhenGiven(AtLeast(1)) };
    private readonly Setting<int?> _discriminatorWidth = new("--d-width", "channels of D's first layer (64 published; 32 by default here)") { Rule = WhenGiven(AtLeast(1)) };
    private readonly Setting<bool> _l1Only = new("--l1-only", "train the U-Net on L1 alone, without D: the baseline `evaluate --baseline` compares pix2pix with");
    private readonly Setting<string?> _classifier = new("--classifier", "folder of the classifier for --content ClassifierFeatures, trained there once if absent (default: classifier/ beside the run)");

    /// <param name="recipe">the recipe whose training these settings describe</param>
    public TranslationSettings(TranslationRecipeKind recipe)
    {
        _recipe = recipe;
        var pix2pix = recipe == TranslationRecipeKind.Pix2Pix;
        Setting[] data =
        [
            _data.Set("--data", o => o.Folder, recipe switch
            {
                TranslationRecipeKind.CycleGan => "folder with trainA/ trainB/ testA/ testB/ of PNG/JPEG images (default: Fashion-MNIST sneaker ↔ ankle boot)",
                TranslationRecipeKind.Pix2Pix => "folder with train/ and test/ (or val/) of A|B images side by side (default: Fashion-MNIST edges → item)",
                _ => "folder of high-resolution PNG/JPEG images, with train/ and test/ (or val/) or all in one (every tenth is the test set), downsampled by --factor (default: Fashion-MNIST)",
            }),
            .. pix2pix
                ? (Setting[])[_data.Set("--data-a", o => o.FolderA, "pix2pix: folder of A images matched by file name with --data-b (every tenth pair is the test set)"),
                    _data.Set("--data-b", o => o.FolderB, "pix2pix: folder of B images, same file names as --data-a")]
                : [],
            _data.Set("--image-size", o => o.ImageSize, recipe == TranslationRecipeKind.SuperResolution
                ? "resize the high-resolution image files to this square size, a multiple of --factor (default: the files' own size)"
                : "resize image files to this square size (default 64); the edges set is padded to it (default 32)", WhenGiven(AtLeast(4))),
            _data.Set("--channels", o => o.Channels, "1 (grey) or 3 (RGB) for image files (default 3)", WhenGiven(OneOf(1, 3))),
            _data.Set("--crop", o => o.Crop, "train on random square crops of this size (test images stay whole)", WhenGiven(AtLeast(4))),
            _data.Flag("--flip", o => o.Flip, "mirror training images left–right with probability 0.5"),
            _data.Set("--train-limit", o => o.TrainLimit, "use only the first N training images of each domain", WhenGiven(AtLeast(1))),
            _data.Set("--test-limit", o => o.TestLimit, "use only the first N test images of each domain", WhenGiven(AtLeast(1))),
        ];
        All =
        [
            .. data,
            _loop.Steps(o => o.Steps, "optimisation steps; the learning rate is constant for the first half, then decays linearly to 0"),
            _loop.BatchSize(o => o.BatchSize, "images of each domain per step (1 in the papers)"),
            _loop.LearningRate(o => o.LearningRate, "Adam's base step size for G and D"),
            _loop.Set("--beta1", o => o.Beta1, "Adam's β₁", Within(0, 0.999)),
            _loop.Set("--objective", o => o.Objective, "adversarial loss: LeastSquares (CycleGAN's), Hinge, NonSaturating, Minimax") with
            {
                Choices = [nameof(GanObjective.LeastSquares), nameof(GanObjective.Hinge), nameof(GanObjective.NonSaturating), nameof(GanObjective.Minimax)],
            },
            _generatorWidth, _discriminatorWidth,
            .. recipe switch
            {
                TranslationRecipeKind.CycleGan => (Setting[])
                [
                    _cycleGan.Set("--cycle-weight", o => o.CycleWeight, "λ of the cycle-consistency loss (10 in the paper)", Positive),
                    _cycleGan.Set("--identity-weight", o => o.IdentityWeight, "identity loss weight as a fraction of λ (0.5 in the paper; 0: off)", Within(0.0, 10)),
                    _cycleGan.Set("--pool-size", o => o.PoolSize, "generated images kept for D's updates (50 in the paper; 0: newest only)", Within(0, 10_000)),
                ],
                TranslationRecipeKind.Pix2Pix =>
                [
                    _pix2Pix.Set("--l1-weight", o => o.L1Weight, "λ of the L1 term (100 in the paper)", Positive),
                    _pix2Pix.Set("--dropout", o => o.Dropout, "dropout of the three up layers below the bottleneck, the paper's noise (0.5); off in the exported model", Within(0, 0.95)),
                    _l1Only,
                ],
                _ =>
                [
                    _superResolution.Set("--factor", o => o.Factor, "upscaling: 4 (7x7 → 28x28) or 2 (14x14 → 28x28)", OneOf(2, 4)),
                    _superResolution.Set("--content", o => o.Content, "content loss: Mse (SRResNet, best PSNR), L1, or ClassifierFeatures (SRGAN's perceptual loss in the project's Fashion-MNIST classifier's features; no VGG weights here)"),
                    _superResolution.Set("--adversarial-weight", o => o.AdversarialWeight, "weight of G's adversarial loss (10⁻³ in SRGAN; 0: no D, plain content training)", Within(0.0, 100)),
                    _superResolution.Set("--blocks", o => o.Blocks, "residual blocks in the trunk (16 published)", Within(1, 64)),
                    _classifier,
                ],
            },
            .. _cadence.Cadence(o => o.LogEverySteps, o => o.SampleEverySteps, "steps between panels in images/", o => o.CheckpointEverySteps),
        ];
    }

    /// <summary>The settings, in the order --help lists them.</summary>
    public IReadOnlyList<Setting> All { get; }

    /// <summary>The run configuration <paramref name="v"/> describe, checked by the data request and the config themselves.</summary>
    public TranslationRunConfig Config(ISettingValues v)
    {
        var request = _data.Apply(v);
        var factor = _recipe == TranslationRecipeKind.SuperResolution ? _superResolution.Apply(v).Factor : 4;
        var data = request.ToData(_recipe, factor);
        var augmentation = request.ToAugmentation(_recipe, data.ImageSize);
        var training = _loop.Apply(v) with { Seed = v.Get(RuntimeSettings.Seed) };
        var config = _cadence.Apply(v, new TranslationRunConfig(_recipe, data, training, Augmentation: augmentation, Device: v.Get(RuntimeSettings.Device), Threads: v.Get(RuntimeSettings.Threads)));
        var (size, channels, g, d) = (augmentation?.CropHeight ?? data.ImageSize, data.Channels, v.Get(_generatorWidth), v.Get(_discriminatorWidth));
        return (_recipe switch
        {
            TranslationRecipeKind.CycleGan => config with
            {
                CycleGan = _cycleGan.Apply(v) with { Channels = channels, ImageSize = size, GeneratorWidth = g ?? CycleGanDefaults.GeneratorWidth, DiscriminatorWidth = d ?? CycleGanDefaults.DiscriminatorWidth },
            },
            TranslationRecipeKind.Pix2Pix => config with
            {
                Pix2Pix = _pix2Pix.Apply(v) with
                {
                    InputChannels = channels, OutputChannels = channels, ImageSize = size, GeneratorWidth = g ?? Pix2PixDefaults.GeneratorWidth,
                    DiscriminatorWidth = d ?? Pix2PixDefaults.DiscriminatorWidth, Adversarial = !v.Get(_l1Only),
                },
            },
            _ => config with
            {
                ClassifierPath = v.Get(_classifier) is { } folder ? Path.GetFullPath(folder) : null,
                SuperResolution = _superResolution.Apply(v) with
                {
                    Channels = channels, HighResolutionSize = data.ImageSize, GeneratorWidth = g ?? SuperResolutionDefaults.GeneratorWidth, DiscriminatorWidth = d ?? SuperResolutionDefaults.DiscriminatorWidth,
                },
            },
        }).Validate();
    }

    /// <summary>evaluate: --classifier.</summary>
    public static Setting<string?> Classifier { get; } = SampleSettings.JudgingClassifier();

    /// <summary>evaluate: --baseline, an L1-only pix2pix run.</summary>
    public static Setting<string?> Baseline { get; } = new("--baseline", "translation, pix2pix: an L1-only run (`train pix2pix --l1-only`) on the same data, measured beside it");

    /// <summary>evaluate: --test-images.</summary>
    public static Setting<int?> TestImages { get; } = new("--test-images", "translation: evaluate on the first N test images of each domain (default: all)") { Rule = WhenGiven(AtLeast(1)) };

    /// <summary>translate: --batch-size, images per ONNX Runtime call (a run's export or any exported translator).</summary>
    public static Setting<int> BatchSize { get; } = new("--batch-size", "images per ONNX Runtime call") { Default = 16, Rule = AtLeast(1) };

    /// <summary>translate: --direction of a run.</summary>
    public static Setting<string> Direction { get; } = new("--direction", "translation: a2b (A → B, the default) or b2a (CycleGAN's other generator)")
    {
        Default = TranslationExport.Forward, Choices = [TranslationExport.Forward, TranslationExport.Backward],
    };
}
