using Pipeline.MLNet;

namespace Microsoft.ML;

/// <summary>
/// Our exported generative models as ML.NET transforms. Each reads the ONNX file's <c>pipeline.*</c> metadata (role,
/// image shape and value range, latent size, class count), so only column names are asked for, and runs in batches.
/// </summary>
/// <example>
/// <code>
/// var pipeline = mlContext.Transforms.LoadImages("Image", imageFolder, "Path")
///     .Append(mlContext.Transforms.ResizeImages("Image", 28, 28))
///     .Append(mlContext.Transforms.EncodeToLatent("Mean", "LogVariance", "Image", "onnx/vae-lecture/encoder.onnx"))
///     .Append(mlContext.Transforms.DecodeFromLatent("Reconstruction", "onnx/vae-lecture/decoder.onnx", "Mean"));
/// var reconstructed = pipeline.Fit(data).Transform(data);
/// </code>
/// </example>
public static class GenerativeCatalog
{
    /// <summary>Images (latent, latent + class, or image) → generated image, with a decoder, generator or translator.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Column of the generated image as a float vector (C, H, W planar, in the model's value range).</param>
    /// <param name="modelFile">The exported ONNX file.</param>
    /// <param name="inputColumnName">Latent or image column; null means <paramref name="outputColumnName"/>.</param>
    /// <param name="labelColumnName">Class column for a class-conditional generator.</param>
    /// <param name="imageColumnName">Also write an <c>MLImage</c> (savable as PNG) to this column.</param>
    /// <param name="batchSize">Rows per ONNX Runtime call.</param>
    public static GenerativeOnnxEstimator GenerateImages(this TransformsCatalog catalog, string outputColumnName, string modelFile,
        string? inputColumnName = null, string? labelColumnName = null, string? imageColumnName = null, int batchSize = 64) =>
        catalog.GenerateImages(new GenerateImagesOptions
        {
            ModelFile = modelFile,
            OutputColumnName = outputColumnName,
            InputColumnName = inputColumnName,
            LabelColumnName = labelColumnName,
            ImageColumnName = imageColumnName,
            Runtime = OnnxRuntimeOptions.Default with { BatchSize = batchSize },
        });

    /// <summary>Images from a decoder, generator or translator, with every option.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">Model, columns and ONNX Runtime settings.</param>
    public static GenerativeOnnxEstimator GenerateImages(this TransformsCatalog catalog, GenerateImagesOptions options)
    {
        var model = Load(catalog, options?.ModelFile, options?.Metadata);
        return new(model, GenerativeBinding.ForImages(model, options!), options!.Runtime);
    }

    /// <summary>A VAE encoder: image → posterior mean and log-variance vectors.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="meanColumnName">Column of the posterior mean.</param>
    /// <param name="logVarianceColumnName">Column of the posterior log-variance.</param>
    /// <param name="inputColumnName">Image column: <c>MLImage</c> of the model's size or a float vector.</param>
    /// <param name="modelFile">The exported encoder.onnx.</param>
    /// <param name="batchSize">Rows per ONNX Runtime call.</param>
    public static GenerativeOnnxEstimator EncodeToLatent(this TransformsCatalog catalog, string meanColumnName, string logVarianceColumnName,
        string inputColumnName, string modelFile, int batchSize = 64) =>
        catalog.EncodeToLatent(new EncodeToLatentOptions
        {
            ModelFile = modelFile,
            InputColumnName = inputColumnName,
            MeanColumnName = meanColumnName,
            LogVarianceColumnName = logVarianceColumnName,
            Runtime = OnnxRuntimeOptions.Default with { BatchSize = batchSize },
        });

    /// <summary>A VAE encoder with every option, including a seeded sample z = μ + σ·ε.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">Model, columns, sampling and ONNX Runtime settings.</param>
    public static GenerativeOnnxEstimator EncodeToLatent(this TransformsCatalog catalog, EncodeToLatentOptions options)
    {
        var model = Load(catalog, options?.ModelFile);
        return new(model, GenerativeBinding.ForEncoder(model, options!), options!.Runtime);
    }

    /// <summary>A VAE decoder: latent vector → image.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Column of the decoded image as a float vector.</param>
    /// <param name="modelFile">The exported decoder.onnx.</param>
    /// <param name="inputColumnName">Latent column; null means <paramref name="outputColumnName"/>.</param>
    /// <param name="imageColumnName">Also write an <c>MLImage</c> to this column.</param>
    /// <param name="batchSize">Rows per ONNX Runtime call.</param>
    public static GenerativeOnnxEstimator DecodeFromLatent(this TransformsCatalog catalog, string outputColumnName, string modelFile,
        string? inputColumnName = null, string? imageColumnName = null, int batchSize = 64) =>
        catalog.DecodeFromLatent(new DecodeFromLatentOptions
        {
            ModelFile = modelFile,
            OutputColumnName = outputColumnName,
            InputColumnName = inputColumnName,
            ImageColumnName = imageColumnName,
            Runtime = OnnxRuntimeOptions.Default with { BatchSize = batchSize },
        });

    /// <summary>A VAE decoder with every option.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">Model, columns and ONNX Runtime settings.</param>
    public static GenerativeOnnxEstimator DecodeFromLatent(this TransformsCatalog catalog, DecodeFromLatentOptions options)
    {
        var model = Load(catalog, options?.ModelFile);
        return new(model, GenerativeBinding.ForDecoder(model, options!), options!.Runtime);
    }

    /// <summary>An exported translator (CycleGAN, pix2pix, super-resolution): image column → image column, in batches.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Column of the translated image (<c>MLImage</c>).</param>
    /// <param name="modelFile">The exported translator ONNX file.</param>
    /// <param name="inputColumnName">Source image column (<c>MLImage</c> of the model's size or a float vector); null means <paramref name="outputColumnName"/>.</param>
    /// <param name="batchSize">Rows per ONNX Runtime call.</param>
    /// <example>
    /// <code>
    /// var pipeline = mlContext.Transforms.LoadImages("Photo", folder, "Path")
    ///     .Append(mlContext.Transforms.ResizeImages("Photo", 256, 256))
    ///     .Append(mlContext.Transforms.TranslateImages("Painting", "onnx/cyclegan/translator.onnx", "Photo"));
    /// </code>
    /// </example>
    public static GenerativeOnnxEstimator TranslateImages(this TransformsCatalog catalog, string outputColumnName, string modelFile,
        string? inputColumnName = null, int batchSize = 64) =>
        catalog.TranslateImages(new TranslateImagesOptions
        {
            ModelFile = modelFile,
            OutputColumnName = outputColumnName,
            InputColumnName = inputColumnName,
            Runtime = OnnxRuntimeOptions.Default with { BatchSize = batchSize },
        });

    /// <summary>An exported translator with every option (batch size, threads, GPU device and CPU fallback).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">Model, columns and ONNX Runtime settings.</param>
    public static GenerativeOnnxEstimator TranslateImages(this TransformsCatalog catalog, TranslateImagesOptions options)
    {
        var model = Load(catalog, options?.ModelFile, options?.Metadata);
        return new(model, GenerativeBinding.ForTranslator(model, options!), options!.Runtime);
    }

    /// <summary>An encoder to code grids (VQ-VAE-2): image → one Vector&lt;Int64, H, W&gt; column per grid, in the graph's order (top, bottom).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnNames">One column per code grid, in the graph's output order.</param>
    /// <param name="inputColumnName">Image column: <c>MLImage</c> of the model's size or a float vector.</param>
    /// <param name="modelFile">The exported encoder.onnx.</param>
    /// <param name="batchSize">Rows per ONNX Runtime call.</param>
    /// <example>
    /// <code>
    /// var codes = ml.Transforms.EncodeToCodes(["Top", "Bottom"], "Image", "onnx/vqvae2-fashion28/encoder.onnx");
    /// </code>
    /// </example>
    public static GenerativeOnnxEstimator EncodeToCodes(this TransformsCatalog catalog, string[] outputColumnNames, string inputColumnName,
        string modelFile, int batchSize = 64) =>
        catalog.EncodeToCodes(new EncodeToCodesOptions
        {
            ModelFile = modelFile,
            InputColumnName = inputColumnName,
            OutputColumnNames = outputColumnNames,
            Runtime = OnnxRuntimeOptions.Default with { BatchSize = batchSize },
        });

    /// <summary>An encoder to code grids with every option.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">Model, columns and ONNX Runtime settings.</param>
    public static GenerativeOnnxEstimator EncodeToCodes(this TransformsCatalog catalog, EncodeToCodesOptions options)
    {
        var model = Load(catalog, options?.ModelFile);
        return new(model, GenerativeBinding.ForCodes(model, options!), options!.Runtime);
    }

    /// <summary>A decoder from code grids (VQ-VAE-2): one grid column per graph input, in its order (top, bottom) → image.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Column of the decoded image as a float vector.</param>
    /// <param name="modelFile">The exported decoder.onnx.</param>
    /// <param name="inputColumnNames">One code-grid column per graph input (Vector of Int64, Int32 or Single).</param>
    /// <param name="imageColumnName">Also write an <c>MLImage</c> to this column.</param>
    /// <param name="batchSize">Rows per ONNX Runtime call.</param>
    /// <example>
    /// <code>
    /// var images = ml.Transforms.DecodeFromCodes("Reconstruction", "onnx/vqvae2-fashion28/decoder.onnx", ["Top", "Bottom"], imageColumnName: "Picture");
    /// </code>
    /// </example>
    public static GenerativeOnnxEstimator DecodeFromCodes(this TransformsCatalog catalog, string outputColumnName, string modelFile,
        string[] inputColumnNames, string? imageColumnName = null, int batchSize = 64) =>
        catalog.DecodeFromCodes(new DecodeFromCodesOptions
        {
            ModelFile = modelFile,
            OutputColumnName = outputColumnName,
            InputColumnNames = inputColumnNames,
            ImageColumnName = imageColumnName,
            Runtime = OnnxRuntimeOptions.Default with { BatchSize = batchSize },
        });

    /// <summary>A decoder from code grids with every option.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">Model, columns and ONNX Runtime settings.</param>
    public static GenerativeOnnxEstimator DecodeFromCodes(this TransformsCatalog catalog, DecodeFromCodesOptions options)
    {
        var model = Load(catalog, options?.ModelFile);
        return new(model, GenerativeBinding.ForCodeDecoder(model, options!), options!.Runtime);
    }

    /// <summary>StyleGAN2's mapping network (mapping.onnx): latent (and class) → style vector w, with every option.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">Model, columns, truncation ψ and ONNX Runtime settings.</param>
    /// <example>
    /// <code>
    /// var w = ml.Transforms.MapToStyle(new MapToStyleOptions { ModelFile = "onnx/stylegan/mapping.onnx", OutputColumnName = "W", InputColumnName = "Z", LabelColumnName = "Label", Truncation = 0.7 });
    /// </code>
    /// </example>
    public static GenerativeOnnxEstimator MapToStyle(this TransformsCatalog catalog, MapToStyleOptions options)
    {
        var (model, binding) = StyleGanBindings.ForMapping(Load(catalog, options?.ModelFile), options!);
        return new(model, binding, options!.Runtime);
    }

    /// <summary>StyleGAN2's synthesis network (synthesis.onnx) on two w columns mixed at a crossover layer → image, with every option.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">Model, columns, crossover and ONNX Runtime settings.</param>
    /// <example>
    /// <code>
    /// var mixed = ml.Transforms.MixStyles(new MixStylesOptions { ModelFile = "onnx/stylegan/synthesis.onnx", OutputColumnName = "Mixed", FirstStyleColumnName = "Coarse", SecondStyleColumnName = "Fine", Crossover = 4 });
    /// </code>
    /// </example>
    public static GenerativeOnnxEstimator MixStyles(this TransformsCatalog catalog, MixStylesOptions options)
    {
        var (model, binding) = StyleGanBindings.ForMixing(Load(catalog, options?.ModelFile), options!);
        return new(model, binding, options!.Runtime);
    }

    private static GenerativeOnnxModel Load(TransformsCatalog catalog, string? modelFile, OnnxModelMetadata? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelFile);
        return GenerativeOnnxModel.Load(modelFile, metadata);
    }
}
