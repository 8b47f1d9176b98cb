namespace Pipeline.Onnx.Optimization.Adoption;

/// <summary>
/// What <see cref="OnnxAdoption"/> needs to know about a model from another exporter that its graph does not say.
/// Whatever the graph does say (channels, fixed sizes, a Tanh or Sigmoid at the output) is read from it.
/// </summary>
/// <example>
/// <code>
/// var report = OnnxAdoption.Adopt("latest_net_G.onnx", "adopted/translator.onnx",
///     new AdoptionSettings(OnnxMetadataKeys.Roles.Translator) { ImageSize = (256, 256) });
/// </code>
/// </example>
/// <param name="Role">What the model does: <see cref="OnnxMetadataKeys.Roles.Translator"/> (image → image),
/// <see cref="OnnxMetadataKeys.Roles.Generator"/> or <see cref="OnnxMetadataKeys.Roles.Decoder"/> (latent → image).</param>
public sealed record AdoptionSettings(string Role)
{
    /// <summary>The pixel range of input and output images, e.g. (-1, 1); null: guessed from the output's last operator.</summary>
    public (double Min, double Max)? ValueRange { get; init; }

    /// <summary>
    /// Colour channels in blue, green, red order: a model trained on images as OpenCV loads them. The graph cannot say;
    /// written as <see cref="OnnxMetadataKeys.ChannelOrder"/> so that every transform reads and writes images that way.
    /// </summary>
    public bool Bgr { get; init; }

    /// <summary>Height and width the ML.NET transforms run the model at; needed when the graph's are symbolic.</summary>
    public (int Height, int Width)? ImageSize { get; init; }

    /// <summary>Output size over input size for a translator (4 for a ×4 upscaler); used when the output's size is symbolic.</summary>
    public int OutputScale { get; init; } = 1;

    /// <summary>Classes of a class-conditional generator (one with an int64 class input).</summary>
    public int? ClassCount { get; init; }

    /// <summary>The model family written to the metadata.</summary>
    public string Family { get; init; } = "adopted";

    /// <summary>Also apply the ONNX Runtime CPU rewrites of <see cref="OnnxGraphOptimizer"/>.</summary>
    public bool Optimize { get; init; }

    /// <summary>Largest |original − adopted| accepted on the random check inputs.</summary>
    public double Tolerance { get; init; } = 1e-4;
}
