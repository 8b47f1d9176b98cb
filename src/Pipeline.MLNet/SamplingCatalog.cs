using Pipeline.MLNet;
using Pipeline.MLNet.Sampling;
using Pipeline.Onnx.Sampling;

namespace Microsoft.ML;

/// <summary>
/// Images sampled inside ML.NET from our exported autoregressive models (a PixelCNN over pixels, or VQ-VAE-2's two
/// priors and decoder): a seed column and, for class-conditional models, a class column in; an image column out.
/// </summary>
/// <example>
/// <code>
/// var rows = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 64).Select(i => new Request { Label = i % 10, Seed = i }));
/// var sampler = ml.Transforms.SampleImages("Image", "onnx/vqvae2-fashion28", labelColumnName: "Label", seedColumnName: "Seed",
///     imageColumnName: "Picture", temperature: 0.9);
/// var images = sampler.Fit(rows).Transform(rows);
/// </code>
/// </example>
public static class SamplingCatalog
{
    /// <summary>One image per row, drawn by ancestral sampling from the row's seed and class.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Column of the image as a float vector (C, H, W planar, in [0, 1]).</param>
    /// <param name="modelPath">An export folder or a single autoregressive .onnx file; the files' metadata (model family, role, level) says which sampler runs them, whatever their names.</param>
    /// <param name="labelColumnName">Class column for a class-conditional model; null for an unconditional one.</param>
    /// <param name="seedColumnName">Seed column (Int64, Int32, UInt32 or UInt64).</param>
    /// <param name="imageColumnName">Also write an <c>MLImage</c> (savable as PNG) to this column.</param>
    /// <param name="temperature">Logits are divided by it; 0 takes the most likely level.</param>
    /// <param name="topK">Keep only the k most likely levels; null keeps all.</param>
    /// <param name="topP">Keep the smallest set of levels whose probability reaches p; null keeps all.</param>
    /// <param name="guidance">Classifier-free guidance scale; 1 is off (anything else needs models trained with class dropout).</param>
    /// <param name="batchSize">Rows sampled together (one step-graph call per grid position, shared by the batch).</param>
    public static SampleImagesEstimator SampleImages(this TransformsCatalog catalog, string outputColumnName, string modelPath,
        string? labelColumnName = null, string seedColumnName = "Seed", string? imageColumnName = null,
        double temperature = 1.0, int? topK = null, double? topP = null, int batchSize = 64, double guidance = 1.0) =>
        catalog.SampleImages(new SampleImagesOptions
        {
            ModelPath = modelPath,
            OutputColumnName = outputColumnName,
            LabelColumnName = labelColumnName,
            SeedColumnName = seedColumnName,
            ImageColumnName = imageColumnName,
            Sampling = new CategoricalSampling(temperature, topK, topP, guidance),
            Runtime = OnnxRuntimeOptions.Default with { BatchSize = batchSize },
        });

    /// <summary>Sampled images with every option (threads, GPU device and CPU fallback among them).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">Model, columns, sampling and ONNX Runtime settings.</param>
    public static SampleImagesEstimator SampleImages(this TransformsCatalog catalog, SampleImagesOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new SampleImagesEstimator(options);
    }
}
