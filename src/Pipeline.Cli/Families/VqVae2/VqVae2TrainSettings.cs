using Pipeline.Models.VqVae2;
using Pipeline.Training.Runs;
using Pipeline.Training.VqVae2;

namespace Pipeline.Cli.Families.VqVae2;

/// <summary>The options of <c>train vqvae2</c>, validated into a <see cref="VqVae2RunConfig"/> before any work starts.</summary>
internal sealed class VqVae2TrainSettings
{
    private static readonly Dictionary<string, VqVae2Options> Presets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fashion28"] = VqVae2Options.Fashion28,
        ["rgb32"] = VqVae2Options.Rgb32,
        ["rgb64"] = VqVae2Options.Rgb64,
    };

    private readonly Option<string> _preset = OptionRules.Preset(Presets, "fashion28", "fashion28 (28x28 grey: 14x14 + 7x7 codes), rgb32 (16x16 + 8x8), rgb64 (stride 4: 16x16 + 8x8)");
    private readonly Option<int?> _codebookSize = new Option<int?>("--codebook-size") { Description = "codes per level, K (preset: 512)" };
    private readonly Option<int?> _codeDim = new Option<int?>("--code-dim") { Description = "dimension of each code vector, D (preset: 64)" };
    private readonly Option<int?> _hidden = new Option<int?>("--hidden") { Description = "width of the encoder and decoder trunks (preset's by default)" };
    private readonly Option<int?> _residualBlocks = new Option<int?>("--residual-blocks") { Description = "residual blocks per stack (preset: 2)" };
    private readonly Option<int?> _bottomStride = new Option<int?>("--bottom-stride") { Description = "image pixels per bottom code, 2 or 4 (default: 2 up to 32 px, 4 above)" };
    private readonly EpochLoopOptions _loop = new(1, 64, 3e-4, "steps per metrics line with test PSNR and perplexity (0: once per epoch)");
    private readonly Option<int?> _evalImages = new Option<int?>("--eval-images") { Description = "test images each metrics line evaluates (default: the whole test set)" };
    private readonly DataOptions _data = new();

    /// <summary>Every option of this training command.</summary>
    public IEnumerable<Option> All => [.. _data.All, _preset, _codebookSize, _codeDim, _hidden, _residualBlocks, _bottomStride, .. _loop.All, _evalImages];

    /// <summary>The run configuration the options describe; throws <see cref="CliError"/> on a bad combination.</summary>
    public VqVae2RunConfig ToConfig(ParseResult r, int seed, string device, int threads)
    {
        var preset = Presets[r.GetValue(_preset)!];
        var data = _data.ToSource(r, preset.ImageSize, preset.Channels);
        var channels = data.Kind == DataSourceKind.ImageFolder ? data.Channels : 1;
        var scaled = preset.ImageSize == data.ImageSize && preset.Channels == channels ? preset : preset.ForImage(channels, data.ImageSize);
        var model = scaled with
        {
            CodebookSize = r.GetValue(_codebookSize) ?? scaled.CodebookSize,
            CodeDim = r.GetValue(_codeDim) ?? scaled.CodeDim,
            HiddenChannels = r.GetValue(_hidden) ?? scaled.HiddenChannels,
            ResidualBlocks = r.GetValue(_residualBlocks) ?? scaled.ResidualBlocks,
            BottomStride = r.GetValue(_bottomStride) ?? scaled.BottomStride,
        };
        var l = _loop.Read(r);
        var training = new VqVae2TrainingOptions(l.Epochs, l.MaxSteps, l.BatchSize, l.LearningRate, seed, l.LogEvery, l.CheckpointEvery, r.GetValue(_evalImages));
        CliError.Check(model.Validate, training.Validate);
        return new VqVae2RunConfig(model, training, data, device, threads);
    }
}
