using Pipeline.Training.Schedules;

namespace Pipeline.Training.Vae;

/// <summary>How a VAE is optimised and evaluated.</summary>
/// <param name="Epochs">Passes over the training set (the lecture's quality bar uses 10).</param>
/// <param name="MaxSteps">Stop after this many optimisation steps even mid-epoch (quick runs and tests).</param>
/// <param name="BatchSize">128 as in PyTorch's VAE example.</param>
/// <param name="LearningRate">Adam's step size; 1e-3 as in the lecture's recipe.</param>
/// <param name="Schedule">Learning-rate shape over the whole run.</param>
/// <param name="Seed">Fixes initial weights, data order and the reparameterisation noise of every step.</param>
/// <param name="CheckpointEverySteps">Also checkpoint every N steps inside an epoch; 0 checkpoints at epoch ends only.</param>
/// <param name="ImportanceSamples">k of the importance-weighted log p(x) estimate at evaluation (Burda et al. use 5000; 100 is within a fraction of a nat on MNIST-sized models).</param>
/// <param name="ImportanceImages">Test images the importance-weighted estimate runs on (it costs k decoder passes per image).</param>
public sealed record VaeTrainingOptions(
    int Epochs = 10,
    long? MaxSteps = null,
    int BatchSize = 128,
    double LearningRate = 1e-3,
    LearningRateShape Schedule = LearningRateShape.Constant,
    int Seed = 0,
    int CheckpointEverySteps = 0,
    int ImportanceSamples = 100,
    int ImportanceImages = 1000)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        if (Epochs < 1)
        {
            throw new ArgumentException($"Epochs must be at least 1, got {Epochs}.", nameof(Epochs));
        }

        if (MaxSteps is < 1)
        {
            throw new ArgumentException($"MaxSteps must be at least 1 when set, got {MaxSteps}.", nameof(MaxSteps));
        }

        if (BatchSize < 1)
        {
            throw new ArgumentException($"BatchSize must be at least 1, got {BatchSize}.", nameof(BatchSize));
        }

        if (!(LearningRate > 0))
        {
            throw new ArgumentException($"LearningRate must be positive, got {LearningRate}.", nameof(LearningRate));
        }

        if (ImportanceSamples < 1 || ImportanceImages < 1)
        {
            throw new ArgumentException("ImportanceSamples and ImportanceImages must be at least 1.", nameof(ImportanceSamples));
        }
    }
}
