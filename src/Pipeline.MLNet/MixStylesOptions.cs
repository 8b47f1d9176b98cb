namespace Pipeline.MLNet;

/// <summary>
/// Options of <c>MixStyles</c>: StyleGAN2's synthesis network (synthesis.onnx) on two style vectors per row, the
/// layers below <see cref="Crossover"/> styled by the first (coarse features: pose, shape) and the rest by the second
/// (finer ones: texture, colour), as in style mixing (Karras et al. 2019, §3.1).
/// </summary>
public sealed record MixStylesOptions
{
    /// <summary>The exported synthesis.onnx (role "synthesis").</summary>
    public required string ModelFile { get; init; }

    /// <summary>Column of the image as a float vector (C, H, W planar, in [0, 1]).</summary>
    public required string OutputColumnName { get; init; }

    /// <summary>Column of the first w (Vector&lt;Single, W&gt;, e.g. from <c>MapToStyle</c>): the layers below the crossover.</summary>
    public required string FirstStyleColumnName { get; init; }

    /// <summary>Column of the second w: the layers from the crossover on.</summary>
    public required string SecondStyleColumnName { get; init; }

    /// <summary>The first layer styled by the second w, 0 to L (the file's style count): 0 is the second w's image, L the first's.</summary>
    public required int Crossover { get; init; }

    /// <summary>Also write the image as an <c>MLImage</c> (savable as PNG) to this column; null for none.</summary>
    public string? ImageColumnName { get; init; }

    /// <summary>ONNX Runtime settings.</summary>
    public OnnxRuntimeOptions Runtime { get; init; } = OnnxRuntimeOptions.Default;
}
