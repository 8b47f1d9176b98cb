using Pipeline.Onnx.Sampling;

namespace Pipeline.MLNet.Sampling;

/// <summary>Options of <c>SampleImages</c>: images drawn from an exported autoregressive model, one per row.</summary>
public sealed record SampleImagesOptions
{
    /// <summary>An export folder (PixelCNN: its autoregressive file; VQ-VAE-2: the top and bottom priors and the decoder) or a single autoregressive .onnx file, found by their metadata (model family, role, level), not by name.</summary>
    public required string ModelPath { get; init; }

    /// <summary>Column of the sampled image as a float vector (C, H, W planar, in [0, 1]).</summary>
    public required string OutputColumnName { get; init; }

    /// <summary>Column of each row's seed (Int64, Int32, UInt32 or UInt64): the same seed and class give the same image, batched or not.</summary>
    public string SeedColumnName { get; init; } = "Seed";

    /// <summary>Column of the requested class (Key&lt;UInt32&gt;, Int32, Int64 or Single) for a class-conditional model; null for an unconditional one.</summary>
    public string? LabelColumnName { get; init; }

    /// <summary>Also write the image as an <c>MLImage</c> (opaque BGRA, savable as PNG) to this column; null for none.</summary>
    public string? ImageColumnName { get; init; }

    /// <summary>Temperature, top-k and top-p of every draw.</summary>
    public CategoricalSampling Sampling { get; init; } = new();

    /// <summary>ONNX Runtime settings: <see cref="OnnxRuntimeOptions.BatchSize"/> rows are sampled together, one Run per grid position.</summary>
    public OnnxRuntimeOptions Runtime { get; init; } = OnnxRuntimeOptions.Default;
}
