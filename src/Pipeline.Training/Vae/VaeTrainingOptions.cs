using Pipeline.Models;
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
        const string owner = "VAE training";
        OptionCheck.Require(Epochs >= 1, owner, nameof(Epochs), $"at least 1, got {Epochs}");
        OptionCheck.Require(MaxSteps is null or >= 1, owner, nameof(MaxSteps), $"at least 1 when set, got {MaxSteps}");
        OptionCheck.Require(BatchSize >= 1, owner, nameof(BatchSize), $"at least 1, got {BatchSize}");
        OptionCheck.Require(LearningRate > 0, owner, nameof(LearningRate), $"positive, got {LearningRate}");
        OptionCheck.Require(CheckpointEverySteps >= 0, owner, nameof(CheckpointEverySteps), $"0 (epoch ends only) or more, got {CheckpointEverySteps}");
        OptionCheck.Require(ImportanceSamples >= 1 && ImportanceImages >= 1, owner, nameof(ImportanceSamples),
            $"at least 1 for samples and images, got {ImportanceSamples} and {ImportanceImages}");
    }
}
