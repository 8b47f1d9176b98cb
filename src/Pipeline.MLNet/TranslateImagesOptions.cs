namespace Pipeline.MLNet;

/// <summary>Options of <c>TranslateImages</c>: an exported translator (CycleGAN, pix2pix, super-resolution), image → image.</summary>
public sealed record TranslateImagesOptions
{
    /// <summary>The exported translator ONNX file (role <c>translator</c> in its <c>pipeline.*</c> metadata).</summary>
    public required string ModelFile { get; init; }

    /// <summary>
    /// Our metadata for a file from another exporter that lacks it (role, image channels and size, value range, latent
    /// size …), laid over the file's own in memory: the file is not changed, and a saved ML.NET model keeps it. Null
    /// reads the file's. <c>pipeline adopt</c> writes the same keys into a copy, after checking what the graph says.
    /// </summary>
    public Pipeline.Onnx.OnnxModelMetadata? Metadata { get; init; }

    /// <summary>Column of the translated image, an <c>MLImage</c> of the model's output size.</summary>
    public required string OutputColumnName { get; init; }

    /// <summary>Column of the source image: an <c>MLImage</c> of the model's input size or a float vector (C, H, W planar,
    /// in the model's value range); null means <see cref="OutputColumnName"/>.</summary>
    public string? InputColumnName { get; init; }

    /// <summary>ONNX Runtime settings: batch size, threads, GPU device and CPU fallback.</summary>
    public OnnxRuntimeOptions Runtime { get; init; } = OnnxRuntimeOptions.Default;
}
