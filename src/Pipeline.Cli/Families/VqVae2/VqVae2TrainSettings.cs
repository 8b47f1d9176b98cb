using System.CommandLine;
using Pipeline.Cli.Console;
using Pipeline.Cli.Options;
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

    public Option<string> Preset { get; } = OptionRules.Preset(Presets, "fashion28", "fashion28 (28x28 grey: 14x14 + 7x7 codes), rgb32 (16x16 + 8x8), rgb64 (stride 4: 16x16 + 8x8)");

    public Option<int?> CodebookSize { get; } = new Option<int?>("--codebook-size") { Description = "codes per level, K (preset: 512)" };

    public Option<int?> CodeDim { get; } = new Option<int?>("--code-dim") { Description = "dimension of each code vector, D (preset: 64)" };

    public Option<int?> Hidden { get; } = new Option<int?>("--hidden") { Description = "width of the encoder and decoder trunks (preset's by default)" };

    public Option<int?> ResidualBlocks { get; } = new Option<int?>("--residual-blocks") { Description = "residual blocks per stack (preset: 2)" };

    public Option<int?> BottomStride { get; } = new Option<int?>("--bottom-stride") { Description = "image pixels per bottom code, 2 or 4 (default: 2 up to 32 px, 4 above)" };

    public EpochLoopOptions Loop { get; } = new(1, 64, 3e-4, "steps per metrics line with test PSNR and perplexity (0: once per epoch)");

    public Option<int?> EvalImages { get; } = new Option<int?>("--eval-images") { Description = "test images each metrics line evaluates (default: the whole test set)" };

    public DataOptions Data { get; } = new();

    /// <summary>Every option of this training command.</summary>
    public IEnumerable<Option> All => [.. Data.All, Preset, CodebookSize, CodeDim, Hidden, ResidualBlocks, BottomStride, .. Loop.All, EvalImages];

    /// <summary>The run configuration the options describe; throws <see cref="CliError"/> on a bad combination.</summary>
    public VqVae2RunConfig ToConfig(ParseResult r, int seed, string device, int threads)
    {
        var preset = Presets[r.GetValue(Preset)!];
        var data = Data.ToSource(r, preset.ImageSize, preset.Channels);
        var channels = data.Kind == DataSourceKind.ImageFolder ? data.Channels : 1;
        var scaled = preset.ImageSize == data.ImageSize && preset.Channels == channels ? preset : preset.ForImage(channels, data.ImageSize);
        var model = scaled with
        {
            CodebookSize = r.GetValue(CodebookSize) ?? scaled.CodebookSize,
            CodeDim = r.GetValue(CodeDim) ?? scaled.CodeDim,
            HiddenChannels = r.GetValue(Hidden) ?? scaled.HiddenChannels,
            ResidualBlocks = r.GetValue(ResidualBlocks) ?? scaled.ResidualBlocks,
            BottomStride = r.GetValue(BottomStride) ?? scaled.BottomStride,
        };
        var l = Loop.Read(r);
        var training = new VqVae2TrainingOptions(l.Epochs, l.MaxSteps, l.BatchSize, l.LearningRate, seed, l.LogEvery, l.CheckpointEvery, r.GetValue(EvalImages));
        CliError.Check(model.Validate, training.Validate);
        return new VqVae2RunConfig(model, training, data, device, threads);
    }
}
