using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Pipeline.Cli.Console;
using Pipeline.Data;
using Pipeline.MLNet;
using Pipeline.Onnx;
using SkiaSharp;

namespace Pipeline.Cli.Families.Exported;

/// <summary>
/// A folder of images through an exported translator in an ML.NET pipeline, in two passes so a bad input never
/// half-writes a run: the first decodes every image completely and discards it (memory stays flat at any folder size),
/// refusing truncated files, files that are no image and images of another size than the model's unless
/// <c>--resize</c> says how to fit them; only then does the second decode, fit and translate them, one batch at a time.
/// Outputs keep their source's file name (as PNG), each written through <see cref="AtomicFile"/> (temporary file, then
/// rename), so an interrupted run leaves whole images only and a re-run rewrites the same bytes; they are flushed to
/// disk together at the end (<see cref="DurableFiles"/>).
/// </summary>
internal static class TranslateJob
{
    private const int Listed = 10;
    private static readonly string[] s_extensions = [".png", ".jpg", ".jpeg"];

    public static void Run(string model, TranslateRequest request, int batchSize, OnnxRuntimeOptions? runtime = null)
    {
        var file = OnnxModels.FindByRole(model, OnnxMetadataKeys.Roles.Translator)
            ?? throw new CliError($"{model}: no .onnx file with role '{OnnxMetadataKeys.Roles.Translator}' in its {OnnxMetadataKeys.Role} metadata; translate needs an exported translator.");
        var metadata = OnnxModels.Metadata(file);
        var (_, height, width) = OnnxModels.Shape(metadata, file);
        var sources = Sources(request.Input);
        var outputFolder = Path.GetFullPath(request.OutputFolder);
        var targets = sources.ToDictionary(s => s, s => Path.Combine(outputFolder, Path.ChangeExtension(Path.GetFileName(s), ".png")), StringComparer.Ordinal);
        if (targets.Values.Intersect(sources, StringComparer.Ordinal).FirstOrDefault() is { } clash)
        {
            throw new CliError($"--out {request.OutputFolder}: translating would overwrite the input {clash}; choose another folder.");
        }

        if (targets.Values.GroupBy(t => t, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new CliError($"--input {request.Input}: two images would both be written as {twice.Key} (same name, different extension); rename one.");
        }

        var refused = Check(sources, width, height, request.Resize);
        if (refused.Count > 0 && !request.SkipBad)
        {
            throw new InvalidDataException($"{refused.Count} of {Images(sources.Length)} cannot be translated, nothing was written (--skip-bad translates the others): {Listing(refused)}");
        }

        var accepted = sources.Except(refused.Select(r => r.Path), StringComparer.Ordinal).ToArray();
        if (accepted.Length == 0)
        {
            throw new InvalidDataException($"none of the {Images(sources.Length)} can be translated, nothing was written: {Listing(refused)}");
        }

        Translate(file, metadata, accepted.Select(s => (s, targets[s])).ToArray(), request.Resize, batchSize, runtime ?? OnnxRuntimeOptions.Default);
        Terminal.Wrote("translated images", outputFolder);
        if (refused.Count > 0)
        {
            throw new InvalidDataException($"translated {accepted.Length} of {Images(sources.Length)}; skipped {refused.Count}: {Listing(refused)}");
        }
    }

    // The first pass: every image decoded to its last byte and dropped, so nothing is written unless all can be read.
    private static List<(string Path, string Reason)> Check(string[] sources, int width, int height, ImageFit? fit)
    {
        var refused = new List<(string Path, string Reason)>();
        foreach (var source in sources)
        {
            using var bitmap = SourceImage.TryDecode(source, out var problem);
            var reason = bitmap is null ? problem
                : fit is null && (bitmap.Width != width || bitmap.Height != height) ? $"{bitmap.Width}x{bitmap.Height} pixels, the model takes {width}x{height} (--resize stretch, pad or crop fits it)"
                : null;
            if (reason is not null)
            {
                Terminal.Warn($"{Path.GetFileName(source)}: {reason}");
                refused.Add((source, reason));
            }
        }

        return refused;
    }

    private static string Images(int count) => count == 1 ? "1 image" : $"{count} images";

    private static string Listing(List<(string Path, string Reason)> refused) =>
        string.Join("; ", refused.Take(Listed).Select(r => $"{Path.GetFileName(r.Path)}: {r.Reason}"))
        + (refused.Count > Listed ? $"; and {refused.Count - Listed} more (listed above)" : "");

    private static void Translate(string file, OnnxModelMetadata metadata, (string Source, string Target)[] images, ImageFit? fit, int batchSize, OnnxRuntimeOptions runtime)
    {
        var (channels, height, width) = OnnxModels.Shape(metadata, file);
        var range = metadata.ValueRange ?? throw new InvalidDataException($"{file}: no {OnnxMetadataKeys.ValueRange} metadata, so its pixel values are unknown; export it with `pipeline export`.");
        var codec = new PixelCodec(channels, height, width, (float)range.Min, (float)range.Max);
        var ml = new MLContext(0);
        var schema = SchemaDefinition.Create(typeof(SourceRow));
        schema[nameof(SourceRow.Source)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, codec.Size);
        var data = ml.Data.LoadFromEnumerable(Rows(images.Select(i => i.Source), codec, fit), schema);
        using var transformer = ml.Transforms.TranslateImages(new TranslateImagesOptions
        {
            ModelFile = file,
            OutputColumnName = "Translated",
            InputColumnName = nameof(SourceRow.Source),
            Runtime = runtime with { BatchSize = batchSize },
        }).Fit(data);
        var watch = Stopwatch.StartNew();
        var written = 0;
        CountProgressBar.Run($"translate {Path.GetFileName(file)}", images.Length, "images", report =>
        {
            foreach (var (image, target) in transformer.Transform(data).GetColumn<MLImage>("Translated").Zip(images.Select(i => i.Target)))
            {
                using (image)
                {
                    AtomicFile.Write(target, stream => SavePng(image, stream), flushToDisk: false);
                    report(++written);
                }
            }
        });

        // One flush for the folder rather than one per image (DurableFiles), before the run reports the images written.
        DurableFiles.Sync(images.Select(i => i.Target).ToArray());
        Terminal.Info($"{written} images through {Path.GetFileName(file)} in {watch.Elapsed.TotalSeconds:F1} s ({written / watch.Elapsed.TotalSeconds:F0} images/s, ML.NET, batch {batchSize})");
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

    private static string[] Sources(string input)
    {
        if (File.Exists(input))
        {
            return [Path.GetFullPath(input)];
        }

        if (!Directory.Exists(input))
        {
            throw new CliError($"--input {input}: no such file or folder; expected a PNG/JPEG image or a folder of them.");
        }

        var files = Directory.GetFiles(Path.GetFullPath(input))
            .Where(f => s_extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (files.Length == 0)
        {
            throw new CliError($"--input {input}: no PNG/JPEG images in this folder.");
        }

        // Nothing is skipped silently: other files are named (hidden ones, such as .DS_Store, are not counted).
        var others = Directory.GetFiles(Path.GetFullPath(input)).Where(f => !Path.GetFileName(f).StartsWith('.')).Except(files, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (others.Length > 0)
        {
            Terminal.Info($"skipping {others.Length} file{(others.Length == 1 ? "" : "s")} that {(others.Length == 1 ? "is" : "are")} not PNG/JPEG: {string.Join(", ", others.Take(5).Select(Path.GetFileName))}{(others.Length > 5 ? ", ..." : "")}");
        }

        return files;
    }

    private sealed class SourceRow
    {
        public float[] Source { get; set; } = [];
    }
}
