using Pipeline.Data;
using Pipeline.Models.Vae;
using Pipeline.Training.Loop;
using Pipeline.Training.Runs;
using static TorchSharp.torch;

namespace Pipeline.Training.Vae;

/// <summary>
/// Trains a VAE into its run folder: <see cref="VaeRecipe"/> driven by the shared <see cref="TrainingLoop{TReport, TMetrics}"/>
/// (per-epoch metrics and checkpoints, resume that repeats the uninterrupted run exactly, Ctrl+C that checkpoints).
/// </summary>
public sealed class VaeTrainer : IDisposable
{
    private readonly VaeRecipe _recipe;
    private readonly TrainingLoop<VaeStepReport, VaeEpochMetrics> _loop;

    public VaeTrainer(RunFolder run, VaeRunConfig config, ImageDataset train, ImageDataset test, Device device)
    {
        _recipe = new VaeRecipe(config, train, test, device);
        _loop = new TrainingLoop<VaeStepReport, VaeEpochMetrics>(run, _recipe);
    }

    /// <summary>The model being trained.</summary>
    public VariationalAutoencoder Model => _recipe.Model;

    /// <summary>Optimisation steps the whole run takes.</summary>
    public long TotalSteps => _recipe.TotalSteps;

    /// <summary>Steps completed so far (after <see cref="Resume"/>, the checkpoint's step).</summary>
    public long Step => _loop.Step;

    /// <summary>The loss plot, redrawn at every checkpoint.</summary>
    public string LossPlotPath => _loop.LossPlotPath;

    /// <summary>Loads the run's last checkpoint (model, Adam moments) and continues from its step.</summary>
    public void Resume() => _loop.Resume();

    /// <summary>Runs the remaining steps and returns every metrics line of the run; on cancellation it checkpoints first.</summary>
    public IReadOnlyList<VaeEpochMetrics> Train(IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        _loop.Run(progress, cancellation);
        return _loop.Metrics;
    }

    /// <inheritdoc />
    public void Dispose() => _recipe.Dispose();
}
