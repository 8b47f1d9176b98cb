namespace Pipeline.Onnx;

/// <summary>
/// The names a StyleGAN2 export folder is read by: its files, their roles, graph inputs and the metadata they add.
/// The exporter (TorchSharp side) writes them and the ML.NET transforms read them; both take them from here.
/// </summary>
public static class StyleGanExportFolder
{
    /// <summary>(z[, label]; truncation) → image in [0, 1], role <see cref="OnnxMetadataKeys.Roles.Generator"/>: what <c>GenerateImages</c> runs.</summary>
    public const string GeneratorFile = "generator.onnx";

    /// <summary>(z[, label]; truncation) → w, role <see cref="MappingRole"/>.</summary>
    public const string MappingFile = "mapping.onnx";

    /// <summary>ws [batch, L, W] → image in [0, 1], role <see cref="SynthesisRole"/>.</summary>
    public const string SynthesisFile = "synthesis.onnx";

    /// <summary><c>pipeline.model_family</c> of every file in the folder.</summary>
    public const string ModelFamily = "stylegan2";

    /// <summary>Role of the mapping network f: Z → W.</summary>
    public const string MappingRole = "mapping";

    /// <summary>Role of the synthesis network g: ws → image.</summary>
    public const string SynthesisRole = "synthesis";

    /// <summary>Graph input names: the latent, the class index (conditional models only), ψ, and the styles.</summary>
    public const string Latent = "z", Label = "label", Truncation = "truncation", Styles = "ws";

    /// <summary>Graph output names.</summary>
    public const string Style = "w", Image = "image";

    /// <summary>L, the number of w vectors the synthesis takes (ws is [batch, L, W]).</summary>
    public const string StyleCountKey = OnnxMetadataKeys.Prefix + "stylegan.style_count";

    /// <summary>W, the dimension of one w.</summary>
    public const string StyleSizeKey = OnnxMetadataKeys.Prefix + "stylegan.style_size";

    /// <summary>ψ used when the <see cref="Truncation"/> input is not fed (the input has this default).</summary>
    public const string TruncationKey = OnnxMetadataKeys.Prefix + "stylegan.truncation";

    /// <summary>Where the per-pixel noise comes from in the graph: "fixed" (drawn once, stored as constants).</summary>
    public const string NoiseKey = OnnxMetadataKeys.Prefix + "stylegan.noise";
}
