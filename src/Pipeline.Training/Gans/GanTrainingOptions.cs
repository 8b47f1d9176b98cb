using Pipeline.Models;

namespace Pipeline.Training.Gans;

/// <summary>How a GAN is optimised, logged and checkpointed. A "step" is one generator update with the
/// <see cref="DiscriminatorSteps"/> discriminator updates before it.</summary>
/// <param name="Objective">The adversarial loss; hinge with spectral norm is the preset.</param>
/// <param name="Steps">Generator steps of the whole run.</param>
/// <param name="BatchSize">Images per discriminator and generator update; 64 as in DCGAN/SNGAN.</param>
/// <param name="GeneratorLearningRate">Adam's step size for G; TTUR (Heusel et al. 2017) lets D learn faster than G, SAGAN uses 1e-4 for G.</param>
/// <param name="DiscriminatorLearningRate">Adam's step size for D; 4e-4 in SAGAN.</param>
/// <param name="Beta1">Adam's β₁ for both networks: 0 (SAGAN, BigGAN) or 0.5 (DCGAN); momentum fights the moving target.</param>
/// <param name="Beta2">Adam's β₂ for both networks: 0.9 (SAGAN, WGAN-GP) or 0.999.</param>
/// <param name="DiscriminatorSteps">D updates per G update: 1 with TTUR, 5 in WGAN-GP's Algorithm 1.</param>
/// <param name="GradientPenaltyWeight">λ of WGAN-GP (10 in Gulrajani et al. 2017); used by that objective only.</param>
/// <param name="ClassLossWeight">Weight of the auxiliary classification loss when the discriminator has a class head.</param>
/// <param name="EmaDecay">Decay of the exponential moving average of G's weights used for sampling (Yazıcı et al. 2019); 0 disables averaging.</param>
/// <param name="Seed">Fixes initial weights, data order, and every step's noise.</param>
/// <param name="LogEverySteps">Steps averaged into one metrics.jsonl line.</param>
/// <param name="SampleEverySteps">Steps between fixed-noise sample grids in images/.</param>
/// <param name="CheckpointEverySteps">Steps between checkpoints (and at the end).</param>
/// <param name="DivergencePatience">Consecutive steps with D(x) and D(G(z)) pinned at 0 or 1 after which training stops as diverged.</param>
/// <param name="ReuseFakes">G's step reuses the last D step's latents and generated images instead of drawing fresh
/// ones, so G runs forward once per step instead of twice (as PyTorch's DCGAN example does); off by default, as in
/// Goodfellow et al. 2014, Algorithm 1.</param>
/// <param name="Precision">The convolutions' arithmetic: fp32, or bf16 mixed precision (a ~1.4x faster step on CPUs with AVX-512 BF16).</param>
public sealed record GanTrainingOptions(
    GanObjective Objective = GanObjective.Hinge,
    long Steps = 6000,
    int BatchSize = 64,
    double GeneratorLearningRate = 1e-4,
    double DiscriminatorLearningRate = 4e-4,
    double Beta1 = 0.0,
    double Beta2 = 0.9,
    int DiscriminatorSteps = 1,
    double GradientPenaltyWeight = 10.0,
    double EmaDecay = 0.999,
    double ClassLossWeight = 1.0,
    int Seed = 0,
    int LogEverySteps = 50,
    int SampleEverySteps = 500,
    int CheckpointEverySteps = 500,
    int DivergencePatience = 300,
    GanPrecision Precision = GanPrecision.Fp32,
    bool ReuseFakes = false)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        OptionCheck.Require(Steps >= 1, "GAN training", nameof(Steps), $"at least 1, got {Steps}");
        OptionCheck.Require(BatchSize >= 2, "GAN training", nameof(BatchSize), $"at least 2 (batch normalisation), got {BatchSize}");
        OptionCheck.Require(GeneratorLearningRate > 0 && DiscriminatorLearningRate > 0, "GAN training", nameof(GeneratorLearningRate),
            $"positive for both networks, got {GeneratorLearningRate} and {DiscriminatorLearningRate}");
        OptionCheck.Require(Beta1 is >= 0 and < 1 && Beta2 is >= 0 and < 1, "GAN training", nameof(Beta1), $"in [0, 1) for β₁ and β₂, got {Beta1} and {Beta2}");
        OptionCheck.Require(DiscriminatorSteps >= 1, "GAN training", nameof(DiscriminatorSteps), $"at least 1, got {DiscriminatorSteps}");
        OptionCheck.Require(GradientPenaltyWeight >= 0, "GAN training", nameof(GradientPenaltyWeight), $"non-negative, got {GradientPenaltyWeight}");
        OptionCheck.Require(EmaDecay is >= 0 and < 1, "GAN training", nameof(EmaDecay), $"in [0, 1), got {EmaDecay}");
        OptionCheck.Require(ClassLossWeight >= 0, "GAN training", nameof(ClassLossWeight), $"non-negative, got {ClassLossWeight}");
        OptionCheck.Require(LogEverySteps >= 1 && SampleEverySteps >= 1 && CheckpointEverySteps >= 1, "GAN training", nameof(LogEverySteps), "at least 1 (log, sample and checkpoint intervals)");
        OptionCheck.Require(DivergencePatience >= 1, "GAN training", nameof(DivergencePatience), $"at least 1, got {DivergencePatience}");
    }
}
