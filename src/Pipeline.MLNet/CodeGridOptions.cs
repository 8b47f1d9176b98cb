namespace Pipeline.MLNet;

/// <summary>Options of <c>EncodeToCodes</c>: an encoder to discrete code grids (VQ-VAE-2: image → top and bottom codes).</summary>
public sealed record EncodeToCodesOptions
{
    /// <summary>The exported encoder.onnx (role encoder, int64 outputs).</summary>
    public required string ModelFile { get; init; }

    /// <summary>Column of the image: <c>MLImage</c> of the model's size, or a float vector of C·H·W values.</summary>
    public required string InputColumnName { get; init; }

    /// <summary>One column per code grid, in the graph's output order (VQ-VAE-2: top, bottom); each is Vector&lt;Int64, H, W&gt;.</summary>
    public required IReadOnlyList<string> OutputColumnNames { get; init; }

    /// <summary>ONNX Runtime settings.</summary>
    public OnnxRuntimeOptions Runtime { get; init; } = OnnxRuntimeOptions.Default;
}

/// <summary>Options of <c>DecodeFromCodes</c>: a decoder from discrete code grids to an image (VQ-VAE-2: top and bottom codes → image).</summary>
public sealed record DecodeFromCodesOptions
{
    /// <summary>The exported decoder.onnx (role decoder, int64 grid inputs).</summary>
    public required string ModelFile { get; init; }

    /// <summary>Column of the decoded image as a float vector (C, H, W planar, in [0, 1]).</summary>
    public required string OutputColumnName { get; init; }

    /// <summary>One column per code grid, in the graph's input order (VQ-VAE-2: top, bottom): Vector of Int64, Int32 or Single, H·W values.</summary>
    public required IReadOnlyList<string> InputColumnNames { get; init; }

    /// <summary>Also write the image as an <c>MLImage</c> to this column; null for none.</summary>
    public string? ImageColumnName { get; init; }

    /// <summary>ONNX Runtime settings.</summary>
    public OnnxRuntimeOptions Runtime { get; init; } = OnnxRuntimeOptions.Default;
}
