using Pipeline.MLNet;
using Pipeline.Onnx.Sampling;

namespace Pipeline.Inference.Sampling;

/// <summary>What <see cref="ExportedModelOperations.Sample"/> is asked to draw.</summary>
/// <param name="Model">An export folder or one .onnx file: a generator or VAE decoder, or an autoregressive model (PixelCNN, VQ-VAE-2).</param>
/// <param name="Count">How many images.</param>
/// <param name="Seed">Image n comes from seed + n (autoregressive) or from the seed's one stream of latents (generators).</param>
/// <param name="Output">The PNG path; IDX files are written beside it under the same stem.</param>
public sealed record SampleRequest(string Model, int Count, int Seed, string Output)
{
    /// <summary>
    /// τ, top-k, top-p and guidance. A generator or decoder uses only τ, as the scale of z ~ N(0, τ²I); an
    /// autoregressive model uses all four.
    /// </summary>
    public CategoricalSampling Sampling { get; init; } = new();

    /// <summary>The classes asked for, cycled; null or empty: every class in turn, one grid row per class.</summary>
    public IReadOnlyList<int>? Labels { get; init; }

    /// <summary>Write the PNG grid.</summary>
    public bool Png { get; init; } = true;

    /// <summary>Write IDX image and label files (streamed, so memory stays flat at any count without <see cref="Png"/>).</summary>
    public bool Idx { get; init; }

    /// <summary>The ONNX Runtime settings of a generator or decoder (device, threads, batch); null: the defaults.</summary>
    public OnnxRuntimeOptions? Runtime { get; init; }
}
