namespace Pipeline.Training.Vae;

/// <summary>What <see cref="VaeEvaluator.Evaluate"/> measures; written as the run's evaluation.json.</summary>
/// <param name="Step">Training steps behind the evaluated weights.</param>
/// <param name="TestImages">Test images of the negative ELBO.</param>
/// <param name="TestNegElbo">Negative ELBO per test image (nats).</param>
/// <param name="TestReconstruction">Its reconstruction term.</param>
/// <param name="TestKl">Its KL term.</param>
/// <param name="IwaeImages">Test images of the importance-weighted estimate.</param>
/// <param name="IwaeSamples">k of that estimate.</param>
/// <param name="IwaeNll">The importance-weighted −log p(x) per image (nats), an upper bound that tightens with k.</param>
public sealed record VaeEvaluation(long Step, int TestImages, double TestNegElbo, double TestReconstruction, double TestKl, int IwaeImages, int IwaeSamples, double IwaeNll);
