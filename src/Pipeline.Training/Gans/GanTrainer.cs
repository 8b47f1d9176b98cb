using Pipeline.Data;
using Pipeline.Models.Gans;
using Pipeline.Training.Loop;
using Pipeline.Training.Runs;
using static TorchSharp.torch;

namespace Pipeline.Training.Gans;

/// <summary>
/// Trains a GAN into its run folder: <see cref="GanRecipe"/> driven by the shared
/// <see cref="TrainingLoop{TReport, TMetrics}"/> (metrics, loss plot, fixed-noise grids, checkpoints of G, D, EMA-G and
/// both Adam states; exact resume; divergence stops without overwriting the last healthy checkpoint).
/// </summary>
public sealed class GanTrainer : IDisposable
{
    private readonly GanRecipe _recipe;
    private readonly TrainingLoop<GanStepReport, GanStepMetrics> _loop;

    public GanTrainer(RunFolder run, GanRunConfig config, ImageDataset train, Device device)
    {
        _recipe = new GanRecipe(config, train, device);
        _loop = new TrainingLoop<GanStepReport, GanStepMetrics>(run, _recipe);
    }

    /// <summary>G, trained directly.</summary>
    public DcganGenerator Generator => _recipe.Generator;

    /// <summary>D.</summary>
    public ProjectionDiscriminator Discriminator => _recipe.Discriminator;

    /// <summary>The moving average of G's weights, used for samples and evaluation.</summary>
    public DcganGenerator AverageGenerator => _recipe.AverageGenerator;

    /// <summary>Generator steps the whole run takes.</summary>
    public long TotalSteps => _recipe.TotalSteps;

    /// <summary>Generator steps completed so far.</summary>
    public long Step => _loop.Step;

    /// <summary>The loss plot, redrawn at every checkpoint.</summary>
    public string LossPlotPath => _loop.LossPlotPath;

    /// <summary>Loads the run's last checkpoint and continues from its step.</summary>
    public void Resume() => _loop.Resume();

    /// <summary>Runs the remaining steps (see the class summary for how it ends).</summary>
    public TrainingResult Train(IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default) =>
        _loop.Run(progress, cancellation);

    /// <inheritdoc />
    public void Dispose() => _recipe.Dispose();
}
