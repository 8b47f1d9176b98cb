using System.Text.Json.Serialization;
using Pipeline.Models;

namespace Pipeline.Training.StyleGan;

/// <summary>
/// How a StyleGAN2 is optimised (Karras et al. 2020, "Analyzing and Improving the Image Quality of StyleGAN", with
/// StyleGAN2-ADA's defaults where the paper leaves a number open). A "step" is one discriminator and one generator
/// update on a batch, plus the lazy regularisation updates that fall on it.
/// </summary>
/// <param name="Steps">Steps of the whole run.</param>
/// <param name="BatchSize">Images per update: 32, StyleGAN2-ADA's batch at 32×32 (its CIFAR-10 configuration uses 64
/// on 2 GPUs; 32 halves the step on a CPU and still fills the minibatch standard-deviation groups of 4).</param>
/// <param name="GeneratorLearningRate">Adam's step size for G: 0.0025, StyleGAN2-ADA's value for every resolution up to 256².</param>
/// <param name="DiscriminatorLearningRate">Adam's step size for D: the same 0.0025.</param>
/// <param name="Beta1">Adam's β₁: 0, as StyleGAN2 (momentum fights the moving target of the other network).</param>
/// <param name="Beta2">Adam's β₂: 0.99, as StyleGAN2.</param>
/// <param name="R1Gamma">γ of the R1 penalty γ/2·E‖∇D(x)‖² (Mescheder et al. 2018, eq. 9). Small at 32×32 because the
/// penalty sums over pixels: StyleGAN2-ADA's heuristic γ = 0.0002·S²/B gives 0.0064 at S = 32, B = 32, and its CIFAR-10
/// configuration uses 0.01, the default here. At 64×64 the heuristic gives 0.026.</param>
/// <param name="R1Interval">Steps between R1 updates, k_D = 16 in the paper's lazy regularisation (§3.1).</param>
/// <param name="PathLengthWeight">w_pl of the path-length penalty: 2, as StyleGAN2 (§3.2, appendix B).</param>
/// <param name="PathLengthDecay">Decay of the running mean a of the path lengths: 0.01, as StyleGAN2.</param>
/// <param name="PathLengthBatchShrink">The path-length batch is the batch divided by this: 2, as StyleGAN2 (appendix B).</param>
/// <param name="PathLengthInterval">Steps between path-length updates, k_G = 4 (§3.1); 0 switches the regulariser off.</param>
/// <param name="StyleMixingProbability">Share of G's batches drawn from two latents switched at a random layer (Karras et al. 2019, §3.1): 0.9.</param>
/// <param name="EmaHalfLifeImages">Images after which an old weight counts half in the moving average of G used for
/// sampling: 10,000, StyleGAN2-ADA's ema_kimg = 10 (so the decay per step is 0.5^(B/10000), 0.9978 at B = 32); 0 switches it off.</param>
/// <param name="WAverageBeta">Decay of the tracked mean of w (per class) towards which truncation pulls: 0.995, as StyleGAN2.</param>
/// <param name="AdaptiveAugmentation">Adaptive discriminator augmentation (Karras et al. 2020b): every image D sees, real or
/// generated, is flipped and translated with probability p, tuned so that r_t = E[sign(D(x))] stays near <see cref="AdaTarget"/>.</param>
/// <param name="AdaTarget">The target of r_t: 0.6, as StyleGAN2-ADA.</param>
/// <param name="AdaInterval">Steps between adjustments of p: 4, as StyleGAN2-ADA.</param>
/// <param name="AdaSpeedImages">Images over which p can move from 0 to 1: 500,000 in StyleGAN2-ADA; 100,000 here so
/// that p can react within the few hundred thousand images a CPU run sees.</param>
/// <param name="Seed">Fixes initial weights, data order and every step's noise.</param>
/// <param name="LogEverySteps">Steps averaged into one metrics.jsonl line.</param>
/// <param name="SampleEverySteps">Steps between fixed-latent sample grids in images/.</param>
/// <param name="CheckpointEverySteps">Steps between checkpoints (and at the end).</param>
/// <remarks>
/// Training is fp32: the modulated convolutions' demodulation (a reciprocal square root of summed squared weights), R1's
/// gradient of a gradient and the path-length Jacobian products lose too much in bfloat16's 8 significant bits, and
/// the project's bf16 path (<c>GanPrecision</c>) is a compute type of the DCGAN networks that these networks do not have.
/// </remarks>
public sealed record StyleGanTrainingOptions(
    long Steps = 20000,
    int BatchSize = 32,
    double GeneratorLearningRate = 0.0025,
    double DiscriminatorLearningRate = 0.0025,
    double Beta1 = 0.0,
    double Beta2 = 0.99,
    double R1Gamma = 0.01,
    int R1Interval = 16,
    double PathLengthWeight = 2.0,
    double PathLengthDecay = 0.01,
    int PathLengthBatchShrink = 2,
    int PathLengthInterval = 4,
    double StyleMixingProbability = 0.9,
    double EmaHalfLifeImages = 10000,
    double WAverageBeta = 0.995,
    bool AdaptiveAugmentation = false,
    double AdaTarget = 0.6,
    int AdaInterval = 4,
    double AdaSpeedImages = 100000,
    int Seed = 0,
    int LogEverySteps = 50,
    int SampleEverySteps = 500,
    int CheckpointEverySteps = 500)
{
    private const string Owner = "StyleGAN training";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        OptionCheck.Require(Steps >= 1, Owner, nameof(Steps), $"at least 1, got {Steps}");
        OptionCheck.Require(BatchSize >= 2, Owner, nameof(BatchSize), $"at least 2, got {BatchSize}");
        OptionCheck.Require(GeneratorLearningRate > 0 && double.IsFinite(GeneratorLearningRate), Owner, nameof(GeneratorLearningRate), $"a positive number, got {GeneratorLearningRate}");
        OptionCheck.Require(DiscriminatorLearningRate > 0 && double.IsFinite(DiscriminatorLearningRate), Owner, nameof(DiscriminatorLearningRate), $"a positive number, got {DiscriminatorLearningRate}");
        OptionCheck.Require(Beta1 is >= 0 and < 1, Owner, nameof(Beta1), $"in [0, 1), got {Beta1}");
        OptionCheck.Require(Beta2 is >= 0 and < 1, Owner, nameof(Beta2), $"in [0, 1), got {Beta2}");
        OptionCheck.Require(R1Gamma >= 0 && double.IsFinite(R1Gamma), Owner, nameof(R1Gamma), $"non-negative, got {R1Gamma}");
        OptionCheck.Require(R1Interval >= 1, Owner, nameof(R1Interval), $"at least 1, got {R1Interval}");
        OptionCheck.Require(PathLengthWeight >= 0 && double.IsFinite(PathLengthWeight), Owner, nameof(PathLengthWeight), $"non-negative, got {PathLengthWeight}");
        OptionCheck.Require(PathLengthDecay is > 0 and <= 1, Owner, nameof(PathLengthDecay), $"in (0, 1], got {PathLengthDecay}");
        OptionCheck.Require(PathLengthBatchShrink >= 1 && PathLengthBatchShrink <= BatchSize, Owner, nameof(PathLengthBatchShrink), $"in [1, BatchSize = {BatchSize}], got {PathLengthBatchShrink}");
        OptionCheck.Require(PathLengthInterval >= 0, Owner, nameof(PathLengthInterval), $"0 (off) or more, got {PathLengthInterval}");
        OptionCheck.Require(StyleMixingProbability is >= 0 and <= 1, Owner, nameof(StyleMixingProbability), $"in [0, 1], got {StyleMixingProbability}");
        OptionCheck.Require(EmaHalfLifeImages >= 0 && double.IsFinite(EmaHalfLifeImages), Owner, nameof(EmaHalfLifeImages), $"0 (off) or a positive number of images, got {EmaHalfLifeImages}");
        OptionCheck.Require(WAverageBeta is >= 0 and < 1, Owner, nameof(WAverageBeta), $"in [0, 1), got {WAverageBeta}");
        OptionCheck.Require(AdaTarget is > 0 and < 1, Owner, nameof(AdaTarget), $"in (0, 1), got {AdaTarget}");
        OptionCheck.Require(AdaInterval >= 1, Owner, nameof(AdaInterval), $"at least 1, got {AdaInterval}");
        OptionCheck.Require(AdaSpeedImages > 0 && double.IsFinite(AdaSpeedImages), Owner, nameof(AdaSpeedImages), $"a positive number of images, got {AdaSpeedImages}");
        OptionCheck.Require(LogEverySteps >= 1, Owner, nameof(LogEverySteps), $"at least 1, got {LogEverySteps}");
        OptionCheck.Require(SampleEverySteps >= 1, Owner, nameof(SampleEverySteps), $"at least 1, got {SampleEverySteps}");
        OptionCheck.Require(CheckpointEverySteps >= 1, Owner, nameof(CheckpointEverySteps), $"at least 1, got {CheckpointEverySteps}");
    }

    /// <summary>Decay per step of the moving average of G: 0.5^(B / half-life), 0 when averaging is off.</summary>
    [JsonIgnore]
    public double EmaDecay => EmaHalfLifeImages > 0 ? Math.Pow(0.5, BatchSize / EmaHalfLifeImages) : 0;

    /// <summary>Images in one path-length batch (at least 1).</summary>
    [JsonIgnore]
    public int PathLengthBatch => Math.Max(1, BatchSize / PathLengthBatchShrink);
}
