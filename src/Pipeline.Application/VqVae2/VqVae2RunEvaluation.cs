using Pipeline.Onnx.Sampling;
using Pipeline.Training.Classifiers;
using Pipeline.Training.VqVae2;

namespace Pipeline.Application.VqVae2;

/// <summary>What <see cref="VqVae2Operations.Evaluate"/> writes to a VQ-VAE-2 run's evaluation.json.</summary>
/// <param name="Step">Steps behind the autoencoder's weights.</param>
/// <param name="Evaluation">The autoencoder's test reconstruction and codebook use.</param>
/// <param name="Priors">The priors' figures, when both are trained.</param>
public sealed record VqVae2RunEvaluation(long Step, VqVae2Evaluation Evaluation, VqVae2PriorEvaluation? Priors = null);

/// <summary>The priors' part of a VQ-VAE-2 run's evaluation.</summary>
/// <param name="TopStep">Steps of the top prior.</param>
/// <param name="BottomStep">Steps of the bottom prior.</param>
/// <param name="TopBitsPerCode">Exact test −log₂ p of the top grids per code.</param>
/// <param name="BottomBitsPerCode">Exact test −log₂ p of the bottom grids given the top grids, per code.</param>
/// <param name="TestGrids">Test grids evaluated.</param>
/// <param name="Samples">Class-conditional samples judged (0: none).</param>
/// <param name="Sampling">Temperature, top-k and top-p the samples were drawn with.</param>
/// <param name="Judgement">The classifier's view of the samples, when drawn.</param>
/// <param name="SamplesPerSecond">Ancestral sampling throughput in TorchSharp.</param>
public sealed record VqVae2PriorEvaluation(long TopStep, long BottomStep, double TopBitsPerCode, double BottomBitsPerCode, int TestGrids, int Samples, CategoricalSampling? Sampling, GeneratedJudgement? Judgement, double SamplesPerSecond);
