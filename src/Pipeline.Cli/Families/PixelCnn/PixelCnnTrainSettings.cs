using System.CommandLine;
using Pipeline.Cli.Console;
using Pipeline.Cli.Options;
using Pipeline.Models.PixelCnn;
using Pipeline.Training.PixelCnn;
using Pipeline.Training.Runs;

namespace Pipeline.Cli.Families.PixelCnn;

/// <summary>The options of <c>train pixelcnn</c>, validated into a <see cref="PixelCnnRunConfig"/> before any work starts.</summary>
internal sealed class PixelCnnTrainSettings
{
    private static readonly Dictionary<string, PixelCnnOptions> Presets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fashion28"] = PixelCnnOptions.Fashion28,
        ["fashion28-small"] = PixelCnnOptions.Fashion28Small,
    };

    public Option<string> Preset { get; } = OptionRules.Preset(Presets, "fashion28", "fashion28 (p = 64, 8 layers, the default), fashion28-small (p = 32, 6 layers)");

    public Option<bool> Unconditional { get; } = new("--unconditional") { Description = "no class conditioning (default: one learned bias per class and layer)" };

    public PixelCnnNetworkOptions Network { get; } = new(null, "256", "steps per metrics.jsonl line with the test bits/dim (0: every epoch)");

    public Option<int> SampleEvery { get; } = LoopOptions.SampleEvery(new PixelCnnTrainingOptions().SampleEverySteps, "steps between one-per-class sample grids in images/ (0: none)");

    public DataOptions Data { get; } = new();

    /// <summary>Every option of this training command.</summary>
    public IEnumerable<Option> All => [.. Data.All, Preset, Unconditional, .. Network.All, SampleEvery];

    /// <summary>The run configuration the options describe (grid size and class count still to be set from the data); throws <see cref="CliError"/> on a bad combination.</summary>
    public PixelCnnRunConfig ToConfig(ParseResult r, int seed, string device, int threads)
    {
        var preset = Presets[r.GetValue(Preset)!];
        var data = Data.ToSource(r, preset.Height, 1);   // image folders are read as grey: the pixel model has one channel
        var training = Network.Training(r, seed, r.GetValue(SampleEvery));
        var model = Network.Shape(r, preset) with { ClassCount = r.GetValue(Unconditional) ? 0 : preset.ClassCount, UnconditionalLabel = training.ClassDropout > 0 };
        CliError.Check(model.Validate, training.Validate);
        return new PixelCnnRunConfig(model, training, data, device, threads);
    }
}
