using Pipeline.Inference.Pictures;

namespace Pipeline.Inference.Reconstruction;

/// <summary>What <see cref="ExportedModelOperations.Reconstruct"/> did.</summary>
/// <param name="Picture">The grid of originals and reconstructions.</param>
/// <param name="Rows">Images that went through the pipeline.</param>
/// <param name="Elapsed">Time of the transform alone (the pipeline fitted, files written before).</param>
/// <param name="LatentDrift">
/// How far encoding the reconstruction again moves away from the original's code: a VAE's mean |z(x) − z(x̂)|, a
/// VQ-VAE-2's fraction of bottom codes that change.
/// </param>
public sealed record ReconstructionReport(Picture Picture, int Rows, TimeSpan Elapsed, double LatentDrift);
