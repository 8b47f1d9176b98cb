using Pipeline.MLNet;

namespace Microsoft.ML;

/// <summary>
/// StyleGAN2's two halves as ML.NET transforms, by column names (the options overloads are on
/// <see cref="GenerativeCatalog"/>): <c>MapToStyle</c> runs mapping.onnx, <c>MixStyles</c> runs synthesis.onnx on two
/// style columns. The one-call generator.onnx runs through <c>GenerateImages</c>.
/// </summary>
/// <example>
/// <code>
/// var pipeline = ml.Transforms.MapToStyle("CoarseW", "onnx/stylegan/mapping.onnx", "CoarseZ", "Label", truncation: 0.7)
///     .Append(ml.Transforms.MapToStyle("FineW", "onnx/stylegan/mapping.onnx", "FineZ", "Label", truncation: 0.7))
///     .Append(ml.Transforms.MixStyles("Mixed", "onnx/stylegan/synthesis.onnx", "CoarseW", "FineW", crossover: 3, imageColumnName: "Picture"));
/// </code>
/// </example>
public static class StyleGanCatalog
{
    /// <summary>StyleGAN2's mapping network: latent (and class) → style vector w.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Column of w, Vector&lt;Single, W&gt;.</param>
    /// <param name="modelFile">The exported mapping.onnx.</param>
    /// <param name="inputColumnName">Latent column; null means <paramref name="outputColumnName"/>.</param>
    /// <param name="labelColumnName">Class column for a class-conditional model.</param>
    /// <param name="truncation">ψ (1: none); null keeps the file's default.</param>
    /// <param name="batchSize">Rows per ONNX Runtime call.</param>
    public static GenerativeOnnxEstimator MapToStyle(this TransformsCatalog catalog, string outputColumnName, string modelFile,
        string? inputColumnName = null, string? labelColumnName = null, double? truncation = null, int batchSize = 64) =>
        catalog.MapToStyle(new MapToStyleOptions
        {
            ModelFile = modelFile,
            OutputColumnName = outputColumnName,
            InputColumnName = inputColumnName,
            LabelColumnName = labelColumnName,
            Truncation = truncation,
            Runtime = OnnxRuntimeOptions.Default with { BatchSize = batchSize },
        });

    /// <summary>StyleGAN2's synthesis network on two w columns: layers below <paramref name="crossover"/> from the first, the rest from the second.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Column of the image as a float vector (C, H, W planar, in [0, 1]).</param>
    /// <param name="modelFile">The exported synthesis.onnx.</param>
    /// <param name="firstStyleColumnName">Column of the w for the coarse layers.</param>
    /// <param name="secondStyleColumnName">Column of the w for the fine layers.</param>
    /// <param name="crossover">The first layer styled by the second w, 0 to the file's style count.</param>
    /// <param name="imageColumnName">Also write an <c>MLImage</c> (savable as PNG) to this column.</param>
    /// <param name="batchSize">Rows per ONNX Runtime call.</param>
    public static GenerativeOnnxEstimator MixStyles(this TransformsCatalog catalog, string outputColumnName, string modelFile,
        string firstStyleColumnName, string secondStyleColumnName, int crossover, string? imageColumnName = null, int batchSize = 64) =>
        catalog.MixStyles(new MixStylesOptions
        {
            ModelFile = modelFile,
            OutputColumnName = outputColumnName,
            FirstStyleColumnName = firstStyleColumnName,
            SecondStyleColumnName = secondStyleColumnName,
            Crossover = crossover,
            ImageColumnName = imageColumnName,
            Runtime = OnnxRuntimeOptions.Default with { BatchSize = batchSize },
        });
}
