using Pipeline.Data;
using Pipeline.Data.Hardware;
using Pipeline.Training.Gans;

namespace Pipeline.Application.Gans;

/// <summary>The GAN's part of <see cref="TrainingJob"/>: its training images, the class count fitted from them, and <see cref="GanRecipe"/>.</summary>
/// <param name="warnings">told when the requested precision is replaced by one this CPU runs well</param>
public sealed class GanTrainingPlan(IProgress<string>? warnings = null) : ITrainingPlan<GanRunConfig, ImageDataset, GanStepReport, GanStepMetrics>
{
    /// <inheritdoc />
    public string Kind => GanRunConfig.RunKind;

    /// <inheritdoc />
    public string Name => "GAN";

    /// <inheritdoc />
    public string TrainedWith => "`train gan` or `train cgan`";

    /// <inheritdoc />
    public GanRunConfig Prepare(GanRunConfig config) =>
        config with { Training = config.Training with { Precision = config.Training.Precision.ResolveForHost(m => warnings?.Report(m)) } };

    /// <inheritdoc />
    public ImageDataset Load(GanRunConfig config) => config.Data.Load().Train;

    /// <inheritdoc />
    public GanRunConfig Fit(GanRunConfig config, ImageDataset data) => config.FitTo(data);

    /// <inheritdoc />
    public IEnumerable<string> Describe(GanRunConfig config, ImageDataset data)
    {
        var o = config.Model;
        yield return TrainingDescriptions.Data(data, config.Data.Path);
        yield return $"{TrainingDescriptions.Conditioning(o.IsConditional, o.ClassCount)} GAN, {config.Training.Objective} loss, " +
            $"z {o.LatentSize}, widths G {o.GeneratorWidth} D {o.DiscriminatorWidth}, spectral norm {(o.SpectralNorm ? "on" : "off")}, " +
            $"attention {(o.AttentionResolution?.ToString() ?? "none")}, lr G {config.Training.GeneratorLearningRate} D {config.Training.DiscriminatorLearningRate}, " +
            $"{config.Training.Precision.ToString().ToLowerInvariant()} on {CpuInstructionSets.Host.Summary}";
    }

    /// <inheritdoc />
    public ITrainingRecipe<GanStepReport, GanStepMetrics> CreateRecipe(GanRunConfig config, ImageDataset data, Device device) =>
        new GanRecipe(config, data, device);
}
