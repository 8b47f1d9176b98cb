using Pipeline.Onnx.Sampling;

namespace Pipeline.Application.PixelCnn;

/// <summary>What to draw from an autoregressive model trained here (a PixelCNN, or a VQ-VAE-2 through its priors) and where to write it.</summary>
/// <param name="Count">Images to draw; image n from seed <paramref name="Seed"/> + n.</param>
/// <param name="Labels">Classes to draw, cycled; null or empty: every class in turn, one grid row per class.</param>
/// <param name="Sampling">Temperature, top-k, top-p and classifier-free guidance.</param>
/// <param name="Seed">The first image's seed.</param>
/// <param name="Png">Write a PNG grid.</param>
/// <param name="Idx">Write the images and their requested labels as IDX files.</param>
/// <param name="Path">The PNG's path (IDX files beside it); null: images/samples.png in the run.</param>
public sealed record SampleRequest(int Count, IReadOnlyList<int>? Labels, CategoricalSampling Sampling, int Seed, bool Png = true, bool Idx = false, string? Path = null)
{
    /// <summary>True when the request names no class, so that a class-conditional model draws one row per class.</summary>
    public bool EveryClass => Labels is not { Count: > 0 };

    /// <summary>The files' path without extension.</summary>
    public string Stem(RunFolder run) => SampleFiles.Stem(run, Path);
}
