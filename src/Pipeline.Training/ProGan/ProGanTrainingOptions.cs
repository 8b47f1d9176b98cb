using Pipeline.Models;

namespace Pipeline.Training.ProGan;

/// <summary>How a Progressive GAN is grown, optimised, logged and checkpointed. A "step" is one discriminator update
/// followed by one generator update (n_critic = 1, as the paper).</summary>
/// <param name="ImagesPerPhase">Real images per growth phase (transition or stabilisation); the paper shows 800k on a
/// GPU, 30k (seven phases, 210k images, 3.5 passes over Fashion-MNIST from 4×4 to a stable 32×32) fits a CPU.</param>
/// <param name="Steps">Steps of the whole run; 0 means the schedule's length (until the full size has stabilised once).</param>
/// <param name="BatchSize">Images per step; 32 (the paper: 16 at the top resolutions, more below).</param>
/// <param name="LearningRate">Adam's step size for both networks: 0.001 (Karras et al. 2018, appendix A.1).</param>
/// <param name="Beta1">Adam's β₁: 0 (appendix A.1).</param>
/// <param name="Beta2">Adam's β₂: 0.99 (appendix A.1).</param>
/// <param name="GradientPenaltyWeight">λ of the WGAN-GP penalty: 10 (Gulrajani et al. 2017; appendix A.1).</param>
/// <param name="DriftWeight">ε_drift of the term ε·E[D(x)²] that keeps the critic's scores near 0: 0.001 (appendix A.1).</param>
/// <param name="EmaDecay">Decay of the moving average of G's weights used for samples and export: 0.999 (appendix A.1); 0 disables it.</param>
/// <param name="Seed">Fixes initial weights, data order, and every step's noise.</param>
/// <param name="LogEverySteps">Steps averaged into one metrics.jsonl line.</param>
/// <param name="SampleEverySteps">Steps between fixed-noise sample grids in images/.</param>
/// <param name="CheckpointEverySteps">Steps between checkpoints (and at the end).</param>
public sealed record ProGanTrainingOptions(
    long ImagesPerPhase = 30_000,
    long Steps = 0,
    int BatchSize = 32,
    double LearningRate = 1e-3,
    double Beta1 = 0.0,
    double Beta2 = 0.99,
    double GradientPenaltyWeight = 10.0,
    double DriftWeight = 1e-3,
    double EmaDecay = 0.999,
    int Seed = 0,
    int LogEverySteps = 50,
    int SampleEverySteps = 500,
    int CheckpointEverySteps = 500)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        const string owner = "Progressive GAN training";
        OptionCheck.Require(ImagesPerPhase >= 1, owner, nameof(ImagesPerPhase), $"at least 1, got {ImagesPerPhase}");
        OptionCheck.Require(Steps >= 0, owner, nameof(Steps), $"0 (the schedule's length) or more, got {Steps}");
        OptionCheck.Require(BatchSize >= 2, owner, nameof(BatchSize), $"at least 2 (minibatch standard deviation), got {BatchSize}");
        OptionCheck.Require(LearningRate > 0 && double.IsFinite(LearningRate), owner, nameof(LearningRate), $"positive, got {LearningRate}");
        OptionCheck.Require(Beta1 is >= 0 and < 1 && Beta2 is >= 0 and < 1, owner, nameof(Beta1), $"in [0, 1) for β₁ and β₂, got {Beta1} and {Beta2}");
        OptionCheck.Require(GradientPenaltyWeight >= 0, owner, nameof(GradientPenaltyWeight), $"non-negative, got {GradientPenaltyWeight}");
        OptionCheck.Require(DriftWeight >= 0, owner, nameof(DriftWeight), $"non-negative, got {DriftWeight}");
        OptionCheck.Require(EmaDecay is >= 0 and < 1, owner, nameof(EmaDecay), $"in [0, 1), got {EmaDecay}");
        OptionCheck.Require(LogEverySteps >= 1 && SampleEverySteps >= 1 && CheckpointEverySteps >= 1, owner, nameof(LogEverySteps), "at least 1 (log, sample and checkpoint intervals)");
    }

    /// <summary>The growth schedule for networks with <paramref name="levels"/> levels after 4×4.</summary>
    public ProGanSchedule Schedule(int levels) => new(ImagesPerPhase, BatchSize, levels);
}
