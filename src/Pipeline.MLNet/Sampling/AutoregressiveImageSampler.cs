using Pipeline.Onnx;
using Pipeline.Onnx.Sampling;

namespace Pipeline.MLNet.Sampling;

/// <summary>
/// Images from an exported autoregressive model through ONNX Runtime, one per (seed, class): a PixelCNN over pixels
/// (<c>pixelcnn.onnx</c>, one level, grey level / (K − 1) = intensity) or the VQ-VAE-2 chain (top prior, bottom prior
/// given the top codes, then the decoder). The same seed and class give the same image whatever the batch.
/// </summary>
public abstract class AutoregressiveImageSampler : IDisposable
{
    private protected AutoregressiveImageSampler(string source, IReadOnlyDictionary<string, byte[]> files, PixelCodec image, int? classCount, bool canGuide)
    {
        Source = source;
        Files = files;
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
    /// Opens an export folder (with <c>pixelcnn.onnx</c>, or <c>top-prior.onnx</c>, <c>bottom-prior.onnx</c> and
    /// <c>decoder.onnx</c>) or a PixelCNN's .onnx file, checking every file's metadata before any session exists.
    /// </summary>
    public static AutoregressiveImageSampler Open(string exportFolderOrFile, OnnxRuntimeOptions? runtime = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(exportFolderOrFile);
        runtime ??= OnnxRuntimeOptions.Default;
        if (File.Exists(exportFolderOrFile))
        {
            return new PixelCnnImageSampler(exportFolderOrFile, new Dictionary<string, byte[]> { [PixelCnnImageSampler.File] = File.ReadAllBytes(exportFolderOrFile) }, runtime);
        }

        if (!Directory.Exists(exportFolderOrFile))
        {
            throw new DirectoryNotFoundException($"Export folder not found: {exportFolderOrFile}");
        }

        var present = Directory.GetFiles(exportFolderOrFile, "*.onnx").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        string[] names = present.Contains(PixelCnnImageSampler.File) ? [PixelCnnImageSampler.File]
            : present.Contains(VqVae2ImageSampler.TopPriorFile) || present.Contains(VqVae2ImageSampler.BottomPriorFile) ? VqVae2ImageSampler.FileNames
            : throw new InvalidDataException(
                $"{exportFolderOrFile}: no autoregressive model to sample: expected {PixelCnnImageSampler.File}, or {string.Join(", ", VqVae2ImageSampler.FileNames)} " +
                $"(found: {(present.Length == 0 ? "no .onnx files" : string.Join(", ", present))}).");
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var path = Path.Combine(exportFolderOrFile, name);
            files[name] = File.Exists(path) ? File.ReadAllBytes(path) : throw new FileNotFoundException($"{exportFolderOrFile}: {name} is missing (a VQ-VAE-2 export holds {string.Join(", ", names)}).", path);
        }

        return FromFiles(exportFolderOrFile, files, runtime);
    }

    /// <summary>A sampler over model files already read (a saved ML.NET model's).</summary>
    internal static AutoregressiveImageSampler FromFiles(string source, IReadOnlyDictionary<string, byte[]> files, OnnxRuntimeOptions runtime) =>
        files.ContainsKey(PixelCnnImageSampler.File) ? new PixelCnnImageSampler(source, files, runtime) : new VqVae2ImageSampler(source, files, runtime);

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

    private protected static GenerativeOnnxModel Model(string source, IReadOnlyDictionary<string, byte[]> files, string name) =>
        files.TryGetValue(name, out var bytes)
            ? GenerativeOnnxModel.FromBytes(bytes, Path.Combine(source, name))
            : throw new FileNotFoundException($"{source}: {name} is missing.", Path.Combine(source, name));
}

/// <summary>A PixelCNN over grey pixels: one level sampled with stream <see cref="SampleStreams.For"/>(seed).</summary>
internal sealed class PixelCnnImageSampler : AutoregressiveImageSampler
{
    public const string File = "pixelcnn.onnx";

    private readonly AutoregressiveOnnxSampler _pixels;

    public PixelCnnImageSampler(string source, IReadOnlyDictionary<string, byte[]> files, OnnxRuntimeOptions runtime)
        : this(source, files, AutoregressiveModel.From(Model(source, files, File)), runtime)
    {
    }

    private PixelCnnImageSampler(string source, IReadOnlyDictionary<string, byte[]> files, AutoregressiveModel model, OnnxRuntimeOptions runtime)
        : base(source, files, new PixelCodec(1, model.Height, model.Width, 0f, 1f), model.ClassCount, model.UnconditionalLabel is not null)
    {
        if (model.Content != "pixels" || model.Condition is not null)
        {
            throw new InvalidDataException(
                $"{model.Source}: {OnnxMetadataKeys.Autoregressive.GridContent} is '{model.Content}'{(model.Condition is null ? string.Empty : " with a condition grid")}; {File} must model grey pixels without a condition grid.");
        }

        _pixels = AutoregressiveOnnxSampler.Open(model, runtime);
    }

    public override string Family => "pixelcnn";

    public override float[] Sample(IReadOnlyList<long> seeds, IReadOnlyList<long>? labels, CategoricalSampling sampling)
    {
        var grid = _pixels.Sample(seeds, ClassCount is null ? null : labels, default, sampling);
        var top = (float)(_pixels.Levels - 1);
        var image = new float[grid.Length];
        for (var i = 0; i < grid.Length; i++)
        {
            image[i] = grid[i] / top;   // as TorchSharp's PixelCnnLikelihood.ToImages
        }

        return image;
    }

    private protected override void Dispose(bool disposing) => _pixels.Dispose();
}
