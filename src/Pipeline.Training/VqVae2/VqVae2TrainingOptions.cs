namespace Pipeline.Training.VqVae2;

/// <summary>How a VQ-VAE-2 is optimised and evaluated.</summary>
/// <param name="Epochs">Passes over the training set.</param>
/// <param name="MaxSteps">Stop after this many optimisation steps even mid-epoch (quick runs and tests).</param>
/// <param name="BatchSize">Images per step (rosinality/vq-vae-2-pytorch: 128 over 8 GPUs; 64 suits two cores).</param>
/// <param name="LearningRate">Adam's step size; 3e-4 as in the paper's reference implementation.</param>
/// <param name="Seed">Fixes initial weights, data order and the dead-code restarts of every step.</param>
/// <param name="LogEverySteps">Steps per metrics line (with test MSE, PSNR and codebook statistics); 0 means once per epoch.</param>
/// <param name="CheckpointEverySteps">Also checkpoint every N steps; 0 checkpoints at metrics lines only.</param>
/// <param name="EvaluationImages">Test images each metrics line evaluates (null: the whole test set).</param>
public sealed record VqVae2TrainingOptions(
    int Epochs = 1,
    long? MaxSteps = null,
    int BatchSize = 64,
    double LearningRate = 3e-4,
    int Seed = 0,
    int LogEverySteps = 0,
    int CheckpointEverySteps = 0,
    int? EvaluationImages = null)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        Require(Epochs >= 1, nameof(Epochs), $"at least 1, got {Epochs}");
        Require(MaxSteps is null or >= 1, nameof(MaxSteps), $"at least 1 when set, got {MaxSteps}");
        Require(BatchSize >= 1, nameof(BatchSize), $"at least 1, got {BatchSize}");
        Require(LearningRate > 0, nameof(LearningRate), $"positive, got {LearningRate}");
        Require(LogEverySteps >= 0 && CheckpointEverySteps >= 0, nameof(LogEverySteps), "non-negative (and so must CheckpointEverySteps)");
        Require(EvaluationImages is null or >= 1, nameof(EvaluationImages), $"at least 1 when set, got {EvaluationImages}");
    }

    private static void Require(bool condition, string name, string expectation)
    {
        if (!condition)
        {
            throw new ArgumentException($"VQ-VAE-2 training option {name} must be {expectation}.", name);
        }
    }
}
