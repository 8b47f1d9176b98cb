namespace Pipeline.MLNet;

/// <summary>Options of <c>MapToStyle</c>: StyleGAN2's mapping network (mapping.onnx), latent (and class) → style vector w.</summary>
public sealed record MapToStyleOptions
{
    /// <summary>The exported mapping.onnx (role "mapping").</summary>
    public required string ModelFile { get; init; }

    /// <summary>Column of w, Vector&lt;Single, W&gt;.</summary>
    public required string OutputColumnName { get; init; }

    /// <summary>Column of the latent z, Vector&lt;Single, Z&gt;; null means <see cref="OutputColumnName"/>.</summary>
    public string? InputColumnName { get; init; }

    /// <summary>Column of the class label for a class-conditional model (key, integer or float); null for an unconditional one.</summary>
    public string? LabelColumnName { get; init; }

    /// <summary>
    /// ψ of the truncation trick, w′ = w̄ + ψ(w − w̄) towards the (class's) average w: 1 for none, 0.5–0.8 for
    /// cleaner, less varied styles. Null keeps the file's own default (its <c>pipeline.stylegan.truncation</c>). A saved
    /// model keeps the value.
    /// </summary>
    public double? Truncation { get; init; }

    /// <summary>ONNX Runtime settings.</summary>
    public OnnxRuntimeOptions Runtime { get; init; } = OnnxRuntimeOptions.Default;
}
