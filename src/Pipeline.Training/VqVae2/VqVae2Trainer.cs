using Pipeline.Data;
using Pipeline.Models.VqVae2;
using Pipeline.Training.Loop;
using Pipeline.Training.Runs;
using static TorchSharp.torch;

namespace Pipeline.Training.VqVae2;

/// <summary>
/// Trains a VQ-VAE-2 into its run folder: <see cref="VqVae2Recipe"/> driven by the shared
/// <see cref="TrainingLoop{TReport, TMetrics}"/> (metrics, checkpoints, exact resume, Ctrl+C that checkpoints).
/// </summary>
public sealed class VqVae2Trainer : IDisposable
{
    private readonly VqVae2Recipe _recipe;
    private readonly TrainingLoop<VqVae2StepReport, VqVae2Metrics> _loop;

    public VqVae2Trainer(RunFolder run, VqVae2RunConfig config, ImageDataset train, ImageDataset test, Device device)
    {
        _recipe = new VqVae2Recipe(config, train, test, device);
        _loop = new TrainingLoop<VqVae2StepReport, VqVae2Metrics>(run, _recipe);
    }

    /// <summary>The model being trained.</summary>
    public VqVae2Autoencoder Model => _recipe.Model;

    /// <summary>Optimisation steps the whole run takes.</summary>
    public long TotalSteps => _recipe.TotalSteps;

    /// <summary>Steps completed so far (after <see cref="Resume"/>, the checkpoint's step).</summary>
    public long Step => _loop.Step;

    /// <summary>The PSNR plot, redrawn at every checkpoint.</summary>
    public string LossPlotPath => _loop.LossPlotPath;

    /// <summary>Loads the run's last checkpoint (weights, codebooks, Adam moments) and continues from its step.</summary>
    public void Resume() => _loop.Resume();

    /// <summary>Runs the remaining steps; returns how it ended and every metrics line of the run.</summary>
    public (TrainingResult Result, IReadOnlyList<VqVae2Metrics> Metrics) Train(IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        var result = _loop.Run(progress, cancellation);
        return (result, _loop.Metrics);
    }

    /// <inheritdoc />
    public void Dispose() => _recipe.Dispose();
}
