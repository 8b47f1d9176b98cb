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

    private readonly Option<string> _preset = OptionRules.Preset(Presets, "fashion28", "fashion28 (p = 64, 8 layers, the default), fashion28-small (p = 32, 6 layers)");
    private readonly Option<bool> _unconditional = new("--unconditional") { Description = "no class conditioning (default: one learned bias per class and layer)" };
    private readonly PixelCnnNetworkOptions _network = new(null, "256", "steps per metrics.jsonl line with the test bits/dim (0: every epoch)");
    private readonly Option<int> _sampleEvery = LoopOptions.SampleEvery(new PixelCnnTrainingOptions().SampleEverySteps, "steps between one-per-class sample grids in images/ (0: none)");
    private readonly DataOptions _data = new();

    /// <summary>Every option of this training command.</summary>
    public IEnumerable<Option> All => [.. _data.All, _preset, _unconditional, .. _network.All, _sampleEvery];

    /// <summary>The run configuration the options describe (grid size and class count still to be set from the data); throws <see cref="CliError"/> on a bad combination.</summary>
    public PixelCnnRunConfig ToConfig(ParseResult r, int seed, string device, int threads)
    {
        var preset = Presets[r.GetValue(_preset)!];
        var data = _data.ToSource(r, preset.Height, 1);   // image folders are read as grey: the pixel model has one channel
        var training = _network.Training(r, seed, r.GetValue(_sampleEvery));
        var model = _network.Shape(r, preset) with { ClassCount = r.GetValue(_unconditional) ? 0 : preset.ClassCount, UnconditionalLabel = training.ClassDropout > 0 };
        CliError.Check(model.Validate, training.Validate);
        return new PixelCnnRunConfig(model, training, data, device, threads);
    }
}
