using Pipeline.Onnx.Sampling;

namespace Pipeline.MLNet.Sampling;

/// <summary>
/// Images from an exported autoregressive model through ONNX Runtime, one per (seed, class): a PixelCNN over pixels
/// (one level, grey level / (K − 1) = intensity) or the VQ-VAE-2 chain (top prior, bottom prior given the top codes,
/// then the decoder), whichever the files' metadata names (<see cref="AutoregressiveSamplerRegistry"/>). The same seed
/// and class give the same image whatever the batch.
/// </summary>
public abstract class AutoregressiveImageSampler : IDisposable
{
    private protected AutoregressiveImageSampler(ExportedModels models, PixelCodec image, int? classCount, bool canGuide)
    {
        Source = models.Source;
        Files = models.Files;
        Image = image;
        ClassCount = classCount;
        CanGuide = canGuide;
    }

    /// <summary>The export folder or file the models came from.</summary>
    public string Source { get; }

    /// <summary>Classes of a class-conditional model; null for an unconditional one.</summary>
    public int? ClassCount { get; }

    /// <summary>Whether every model was trained with class dropout, so that sampling may use classifier-free guidance.</summary>
    public bool CanGuide { get; }

    /// <summary>Image channels, height and width.</summary>
    public (int Channels, int Height, int Width) ImageShape => (Image.Channels, Image.Height, Image.Width);

    /// <summary>The model family: "pixelcnn" or "vqvae2".</summary>
    public abstract string Family { get; }

    /// <summary>The model files by name, as read: what a saved ML.NET model stores.</summary>
    internal IReadOnlyDictionary<string, byte[]> Files { get; }

    internal PixelCodec Image { get; }

    /// <summary>
    /// Opens an export folder or a single .onnx file, choosing the sampler by the files' model family and finding each
    /// file by its role and level, checking every file's metadata before any session exists.
    /// </summary>
    public static AutoregressiveImageSampler Open(string exportFolderOrFile, OnnxRuntimeOptions? runtime = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(exportFolderOrFile);
        return AutoregressiveSamplerRegistry.Open(ExportedModels.Read(exportFolderOrFile), runtime ?? OnnxRuntimeOptions.Default);
    }

    /// <summary>A sampler over model files already read (a saved ML.NET model's).</summary>
    internal static AutoregressiveImageSampler FromFiles(string source, IReadOnlyDictionary<string, byte[]> files, OnnxRuntimeOptions runtime) =>
        AutoregressiveSamplerRegistry.Open(ExportedModels.FromFiles(source, files), runtime);

    /// <summary>
    /// One image per seed → N·C·H·W floats in [0, 1], planar per image. <paramref name="labels"/> holds one class per
    /// seed for a class-conditional model, and is null or empty for an unconditional one.
    /// </summary>
    public abstract float[] Sample(IReadOnlyList<long> seeds, IReadOnlyList<long>? labels, CategoricalSampling sampling);

    /// <summary>Throws when <paramref name="label"/> is not a class of this model; <paramref name="what"/> names where it came from.</summary>
    public void CheckLabel(long label, string what)
    {
        if (ClassCount is { } classes && (label < 0 || label >= classes))
        {
            throw new ArgumentOutOfRangeException(what, label, $"{what}: class label {label} is outside [0, {classes - 1}] of {Source}.");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    private protected abstract void Dispose(bool disposing);
}
