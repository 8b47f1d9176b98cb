using Pipeline.Data;
using Pipeline.Training.Loop;
using Pipeline.Training.Runs;
using static TorchSharp.torch;

namespace Pipeline.Training.PixelCnn;

/// <summary>
/// Trains a PixelCNN over pixels into its run folder: <see cref="PixelCnnRecipe"/> driven by the shared
/// <see cref="TrainingLoop{TReport, TMetrics}"/> (metrics with test bits/dim, checkpoints, exact resume, Ctrl+C that checkpoints).
/// </summary>
public sealed class PixelCnnTrainer : IDisposable
{
    private readonly PixelCnnRecipe _recipe;
    private readonly TrainingLoop<PixelCnnStepReport, PixelCnnMetrics> _loop;

    public PixelCnnTrainer(RunFolder run, PixelCnnRunConfig config, ImageDataset train, ImageDataset test, Device device)
        : this(run, new PixelCnnRecipe(config, train, test, device))
    {
    }

    /// <summary>Drives <paramref name="recipe"/> (e.g. a VQ-VAE-2 prior over codes) in <paramref name="run"/>; the trainer owns it.</summary>
    public PixelCnnTrainer(RunFolder run, PixelCnnRecipe recipe)
    {
        _recipe = recipe;
        _loop = new TrainingLoop<PixelCnnStepReport, PixelCnnMetrics>(run, _recipe);
    }

    /// <summary>The network being trained.</summary>
    public Models.PixelCnn.PixelCnn Net => _recipe.Net;

    /// <summary>Steps the whole run takes.</summary>
    public long TotalSteps => _recipe.TotalSteps;

    /// <summary>Steps completed so far (after <see cref="Resume"/>, the checkpoint's step).</summary>
    public long Step => _loop.Step;

    /// <summary>The loss plot, redrawn at every checkpoint.</summary>
    public string LossPlotPath => _loop.LossPlotPath;

    /// <summary>Loads the run's last checkpoint (network, Adam moments) and continues from its step.</summary>
    public void Resume() => _loop.Resume();

    /// <summary>Runs the remaining steps; returns how it ended (every metrics line is in <see cref="Metrics"/>).</summary>
    public TrainingResult Train(IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default) =>
        _loop.Run(progress, cancellation);

    /// <summary>Every metrics line of the run so far.</summary>
    public IReadOnlyList<PixelCnnMetrics> Metrics => _loop.Metrics;

    /// <inheritdoc />
    public void Dispose() => _recipe.Dispose();
}
