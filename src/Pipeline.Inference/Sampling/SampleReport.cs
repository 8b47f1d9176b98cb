using Pipeline.Inference.Pictures;

namespace Pipeline.Inference.Sampling;

/// <summary>What <see cref="ExportedModelOperations.Sample"/> drew.</summary>
/// <param name="Pictures">The PNG grid and/or IDX files written.</param>
/// <param name="Count">Images drawn.</param>
/// <param name="Elapsed">From building the pipeline to the last file written.</param>
/// <param name="Summary">
/// One line on how they were drawn: the model file, the engine and, for autoregressive models, the speed including
/// writing, e.g. "64 images sampled through ML.NET from the PixelCNN export ... in 2.1 s (30.48 images/s ...)".
/// </param>
public sealed record SampleReport(IReadOnlyList<Picture> Pictures, int Count, TimeSpan Elapsed, string Summary);
