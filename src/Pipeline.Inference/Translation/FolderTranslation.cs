using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Pipeline.Data;
using Pipeline.Inference.Images;
using Pipeline.MLNet;
using Pipeline.Onnx;
using SkiaSharp;

namespace Pipeline.Inference.Translation;

/// <summary>
/// A folder of images through an exported translator in an ML.NET pipeline, in two passes so a bad input never
/// half-writes a run: <see cref="ExportedModelOperations.OpenTranslation"/> decodes every image completely and discards
/// it (memory stays flat at any folder size), refusing truncated files, files that are no image and images of another
/// size than the model's unless <see cref="FolderTranslationRequest.Resize"/> says how to fit them; only then does
/// <see cref="Translate"/> decode, fit and translate them, one batch at a time. Outputs keep their source's file name
/// (as PNG), each written through <see cref="AtomicFile"/> (temporary file, then rename), so an interrupted run leaves
/// whole images only and a re-run rewrites the same bytes; they are flushed to disk together at the end
/// (<see cref="DurableFiles"/>).
/// </summary>
public sealed class FolderTranslation
{
    private static readonly string[] s_extensions = [".png", ".jpg", ".jpeg"];

    private readonly FolderTranslationRequest _request;
    private readonly OnnxModelMetadata _metadata;
    private readonly (string Source, string Target)[] _images;

    private FolderTranslation(FolderTranslationRequest request, string modelFile, OnnxModelMetadata metadata, int inputs, (string Source, string Target)[] images, IReadOnlyList<RefusedImage> refused)
    {
        _request = request;
        ModelFile = modelFile;
        _metadata = metadata;
        Inputs = inputs;
        _images = images;
        Refused = refused;
    }

    /// <summary>The translator's .onnx file.</summary>
    public string ModelFile { get; }

    /// <summary>Images found in the input.</summary>
    public int Inputs { get; }

    /// <summary>Images that passed the check and will be translated.</summary>
    public int Count => _images.Length;

    /// <summary>Images refused by the check (non-empty only when the request skips bad images).</summary>
    public IReadOnlyList<RefusedImage> Refused { get; }

    /// <summary>The first pass; see <see cref="ExportedModelOperations.OpenTranslation"/>.</summary>
    internal static FolderTranslation Open(FolderTranslationRequest request, IProgress<string>? notes, IProgress<string>? warnings)
    {
        var file = ExportedModelFiles.FindByRole(request.Model, OnnxMetadataKeys.Roles.Translator)
            ?? throw new InvalidRequestException($"{request.Model}: no .onnx file with role '{OnnxMetadataKeys.Roles.Translator}' in its {OnnxMetadataKeys.Role} metadata; translate needs an exported translator.");
        var metadata = ExportedModelFiles.Metadata(file);
        var (_, height, width) = ExportedModelFiles.Shape(metadata, file);
        var sources = Sources(request.Input, notes);
        var outputFolder = Path.GetFullPath(request.OutputFolder);
        var targets = sources.ToDictionary(s => s, s => Path.Combine(outputFolder, Path.ChangeExtension(Path.GetFileName(s), ".png")), StringComparer.Ordinal);
        if (targets.Values.Intersect(sources, StringComparer.Ordinal).FirstOrDefault() is { } clash)
        {
            throw new InvalidRequestException($"--out {request.OutputFolder}: translating would overwrite the input {clash}; choose another folder.");
        }

        if (targets.Values.GroupBy(t => t, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidRequestException($"--input {request.Input}: two images would both be written as {twice.Key} (same name, different extension); rename one.");
        }

        var refused = Check(sources, width, height, request.Resize, warnings);
        if (refused.Count > 0 && !request.SkipBad)
        {
            throw new InvalidDataException($"{refused.Count} of {RefusedImage.Images(sources.Length)} cannot be translated, nothing was written (--skip-bad translates the others): {RefusedImage.Listing(refused)}");
        }

        var accepted = sources.Except(refused.Select(r => r.Path), StringComparer.Ordinal).ToArray();
        if (accepted.Length == 0)
        {
            throw new InvalidDataException($"none of the {RefusedImage.Images(sources.Length)} can be translated, nothing was written: {RefusedImage.Listing(refused)}");
        }

        return new FolderTranslation(request, file, metadata, sources.Length, accepted.Select(s => (s, targets[s])).ToArray(), refused);
    }

    /// <summary>
    /// The second pass: translates the checked images, reporting how many are written so far to
    /// <paramref name="translated"/>, and flushes them to disk together before returning.
    /// </summary>
    public TranslationReport Translate(IProgress<int>? translated = null)
    {
        var (channels, height, width) = ExportedModelFiles.Shape(_metadata, ModelFile);
        var range = _metadata.ValueRange ?? throw new InvalidDataException($"{ModelFile}: no {OnnxMetadataKeys.ValueRange} metadata, so its pixel values are unknown; export it with `pipeline export`.");
        var codec = new PixelCodec(channels, height, width, (float)range.Min, (float)range.Max, _metadata.IsBgr(ModelFile));
        var ml = new MLContext(0);
        var schema = SchemaDefinition.Create(typeof(SourceRow));
        schema[nameof(SourceRow.Source)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, codec.Size);
        var data = ml.Data.LoadFromEnumerable(Rows(_images.Select(i => i.Source), codec, _request.Resize), schema);
        var runtime = _request.Runtime ?? OnnxRuntimeOptions.Default;
        using var transformer = ml.Transforms.TranslateImages(new TranslateImagesOptions
        {
            ModelFile = ModelFile,
            OutputColumnName = "Translated",
            InputColumnName = nameof(SourceRow.Source),
            Runtime = runtime with { BatchSize = _request.BatchSize },
        }).Fit(data);
        var watch = Stopwatch.StartNew();
        var written = 0;
        foreach (var (image, target) in transformer.Transform(data).GetColumn<MLImage>("Translated").Zip(_images.Select(i => i.Target)))
        {
            using (image)
            {
                AtomicFile.Write(target, stream => SavePng(image, stream), flushToDisk: false);
                written++;
                translated?.Report(written);
            }
        }

        // One flush for the folder rather than one per image (DurableFiles), before the images are reported written.
        DurableFiles.Sync(_images.Select(i => i.Target).ToArray());
        return new TranslationReport(ModelFile, Path.GetFullPath(_request.OutputFolder), Inputs, written, Refused, watch.Elapsed, _request.BatchSize);
    }

    // The first pass: every image decoded to its last byte and dropped, so nothing is written unless all can be read.
    private static List<RefusedImage> Check(string[] sources, int width, int height, ImageFit? fit, IProgress<string>? warnings)
    {
        var refused = new List<RefusedImage>();
        foreach (var source in sources)
        {
            using var bitmap = SourceImage.TryDecode(source, out var problem);
            var reason = bitmap is null ? problem
                : fit is null && (bitmap.Width != width || bitmap.Height != height) ? $"{bitmap.Width}x{bitmap.Height} pixels, the model takes {width}x{height} (--resize stretch, pad or crop fits it)"
                : null;
            if (reason is not null)
            {
                warnings?.Report($"{Path.GetFileName(source)}: {reason}");
                refused.Add(new RefusedImage(source, reason));
            }
        }

        return refused;
    }

    // The second pass, lazily: ML.NET pulls one batch of rows at a time, so only a batch of images is ever decoded.
    // The rows are the model's floats (the codec ExtractPixels follows), as ML.NET cannot take MLImage from a class.
    private static IEnumerable<SourceRow> Rows(IEnumerable<string> sources, PixelCodec codec, ImageFit? fit)
    {
        foreach (var source in sources)
        {
            using var decoded = SourceImage.TryDecode(source, out var problem)
                ?? throw new InvalidDataException($"{source}: {problem} (it changed after it was checked)");
            using var fitted = decoded.Width == codec.Width && decoded.Height == codec.Height ? null
                : ImageFitting.Fit(decoded, codec.Width, codec.Height, fit ?? throw new InvalidDataException($"{source}: now {decoded.Width}x{decoded.Height} pixels (it changed after it was checked), the model takes {codec.Width}x{codec.Height}."));
            using var image = MLImage.CreateFromPixels(codec.Width, codec.Height, MLPixelFormat.Bgra32, (fitted ?? decoded).Bytes);
            var pixels = new float[codec.Size];
            codec.Read(image, pixels, source, 0);
            yield return new SourceRow { Source = pixels };
        }
    }

    private static void SavePng(MLImage image, Stream stream)
    {
        var colorType = image.PixelFormat == MLPixelFormat.Rgba32 ? SKColorType.Rgba8888 : SKColorType.Bgra8888;
        using var pixels = SKImage.FromPixelCopy(new SKImageInfo(image.Width, image.Height, colorType, SKAlphaType.Premul), image.Pixels);
        using var png = pixels.Encode(SKEncodedImageFormat.Png, 100);
        png.SaveTo(stream);
    }

    private static string[] Sources(string input, IProgress<string>? notes)
    {
        if (File.Exists(input))
        {
            return [Path.GetFullPath(input)];
        }

        if (!Directory.Exists(input))
        {
            throw new InvalidRequestException($"--input {input}: no such file or folder; expected a PNG/JPEG image or a folder of them.");
        }

        var files = Directory.GetFiles(Path.GetFullPath(input))
            .Where(f => s_extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (files.Length == 0)
        {
            throw new InvalidRequestException($"--input {input}: no PNG/JPEG images in this folder.");
        }

        // Nothing is skipped silently: other files are named (hidden ones, such as .DS_Store, are not counted).
        var others = Directory.GetFiles(Path.GetFullPath(input)).Where(f => !Path.GetFileName(f).StartsWith('.')).Except(files, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (others.Length > 0)
        {
            notes?.Report($"skipping {others.Length} file{(others.Length == 1 ? "" : "s")} that {(others.Length == 1 ? "is" : "are")} not PNG/JPEG: {string.Join(", ", others.Take(5).Select(Path.GetFileName))}{(others.Length > 5 ? ", ..." : "")}");
        }

        return files;
    }

    private sealed class SourceRow
    {
        public float[] Source { get; set; } = [];
    }
}
