using Pipeline.Models.PixelCnn;
using Pipeline.Models.VqVae2;
using Pipeline.Training.VqVae2;
using static Pipeline.Application.Settings.SettingRules;

namespace Pipeline.Application.Settings;

/// <summary>The settings of VQ-VAE-2 training (<c>train vqvae2</c>) and of its priors (<c>train vqvae2-prior</c>).</summary>
public static class VqVae2Settings
{
    private static readonly Presets<VqVae2Options> Preset = new("fashion28", "fashion28 (28x28 grey: 14x14 + 7x7 codes), rgb32 (16x16 + 8x8), rgb64 (stride 4: 16x16 + 8x8)",
        ("fashion28", VqVae2Options.Fashion28), ("rgb32", VqVae2Options.Rgb32), ("rgb64", VqVae2Options.Rgb64));

    private static readonly RecordSettings<VqVae2Options> Model = new(VqVae2Options.Fashion28);
    private static readonly RecordSettings<VqVae2TrainingOptions> Loop = new(new());

    // The prior's shape before the codes fix its grid and codebook: only the width and depth come from the settings.
    private static readonly PixelCnnOptions PriorShape = PixelCnnOptions.CodePrior(2, 1, 1, 0);
    private static readonly PixelCnnNetworkSettings PriorNetwork = new(PriorShape, "K", "steps per metrics.jsonl line with the test bits per code (0: every epoch)", "passes over the training codes");

    /// <summary>--autoencoder: the VQ-VAE-2 run a prior is trained over.</summary>
    public static Setting<string> Autoencoder { get; } = new("--autoencoder", "the trained VQ-VAE-2 run (`train vqvae2`); codes go to RUN/codes, the prior to RUN/priors/LEVEL") { Required = true };

    /// <summary>--level: which prior.</summary>
    public static Setting<string> Level { get; } = new("--level", "top (class-conditional prior over the top codes) or bottom (given the top codes and the class)") { Required = true, Choices = [.. VqVae2PriorLevel.All] };

    /// <summary>The settings of <c>train vqvae2</c>, in the order --help lists them.</summary>
    public static IReadOnlyList<Setting> Training { get; } =
    [
        .. DataSettings.All, Preset.Setting,
        Model.Override("--codebook-size", o => o.CodebookSize, "codes per level, K (preset: 512)"),
        Model.Override("--code-dim", o => o.CodeDim, "dimension of each code vector, D (preset: 64)"),
        Model.Override("--hidden", o => o.HiddenChannels, "width of the encoder and decoder trunks (preset's by default)"),
        Model.Override("--residual-blocks", o => o.ResidualBlocks, "residual blocks per stack (preset: 2)"),
        Model.Override("--bottom-stride", o => o.BottomStride, "image pixels per bottom code, 2 or 4 (default: 2 up to 32 px, 4 above)"),
        Loop.Epochs(o => o.Epochs), Loop.MaxSteps(o => o.MaxSteps), Loop.BatchSize(o => o.BatchSize), Loop.LearningRate(o => o.LearningRate),
        Loop.LogEvery(o => o.LogEverySteps, "steps per metrics line with test PSNR and perplexity (0: once per epoch)"),
        Loop.CheckpointEvery(o => o.CheckpointEverySteps, "also checkpoint every N steps (0: at metrics lines)"),
        Loop.Set("--eval-images", o => o.EvaluationImages, "test images each metrics line evaluates (default: the whole test set)"),
    ];

    /// <summary>The settings of <c>train vqvae2-prior</c>, in the order --help lists them.</summary>
    public static IReadOnlyList<Setting> PriorTraining { get; } = [Autoencoder, Level, .. PriorNetwork.All];

    /// <summary>The run configuration <paramref name="v"/> describe, checked.</summary>
    public static VqVae2RunConfig Config(ISettingValues v)
    {
        var preset = Preset.Chosen(v);
        var data = DataSettings.ToSource(v, preset.ImageSize, preset.Channels);
        var channels = DataSettings.Channels(data);
        var scaled = preset.ImageSize == data.ImageSize && preset.Channels == channels ? preset : preset.ForImage(channels, data.ImageSize);
        var model = Model.Apply(v, scaled);
        var training = Loop.Apply(v) with { Seed = v.Get(RuntimeSettings.Seed) };
        model.Validate();
        training.Validate();
        return new VqVae2RunConfig(model, training, data, v.Get(RuntimeSettings.Device), v.Get(RuntimeSettings.Threads));
    }

    /// <summary>A new prior's config: the network's width and depth and the training options (grids and codebook come from the codes), checked.</summary>
    public static VqVae2PriorRunConfig PriorConfig(ISettingValues v)
    {
        var (shape, training) = (PriorNetwork.Shape(v, PriorShape), PriorNetwork.Training(v));
        shape.Validate();
        training.Validate();
        return new VqVae2PriorRunConfig(v.Get(Level), shape, training, Codes: null, v.Get(RuntimeSettings.Device), v.Get(RuntimeSettings.Threads));
    }

    /// <summary>The prior's run folder, fixed by --autoencoder and --level.</summary>
    public static string PriorFolder(ISettingValues v) => VqVae2PriorRunConfig.FolderOf(v.Get(Autoencoder), v.Get(Level));

    /// <summary>evaluate: --classifier (also the PixelCNN's).</summary>
    public static Setting<string?> Classifier { get; } = SampleSettings.JudgingClassifier("GAN, VQ-VAE-2: folder of the judging classifier, trained there once if absent (default: classifier/ beside the run)");

    /// <summary>evaluate: --prior-samples to judge.</summary>
    public static Setting<int> PriorSamples { get; } = new("--prior-samples", "VQ-VAE-2 with priors: class-conditional samples to judge with the classifier (0: none)") { Default = 100, Rule = AtLeast(0) };
}
