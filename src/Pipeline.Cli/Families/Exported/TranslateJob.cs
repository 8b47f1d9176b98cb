using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Pipeline.Cli.Console;
using Pipeline.Data;
using Pipeline.MLNet;
using Pipeline.Onnx;

namespace Pipeline.Cli.Families.Exported;

/// <summary>
/// A folder of images through an exported translator in an ML.NET pipeline. Outputs keep their source's file name
/// (as PNG), each written to a temporary file and renamed, so an interrupted run leaves whole images only and a re-run
/// rewrites the same bytes.
/// </summary>
internal static class TranslateJob
{
    private static readonly string[] s_extensions = [".png", ".jpg", ".jpeg"];

    public static void Run(string model, string input, string outputFolder, int batchSize, OnnxRuntimeOptions? runtime = null)
    {
        var file = OnnxModels.FindByRole(model, OnnxMetadataKeys.Roles.Translator)
            ?? throw new CliError($"{model}: no .onnx file with role '{OnnxMetadataKeys.Roles.Translator}' in its {OnnxMetadataKeys.Role} metadata; translate needs an exported translator.");
        var metadata = OnnxModels.Metadata(file);
        var (_, height, width) = OnnxModels.Shape(metadata, file);
        var sources = Sources(input);
        var folder = Directory.Exists(input) ? Path.GetFullPath(input) : Path.GetDirectoryName(Path.GetFullPath(input))!;
        var targets = sources.Select(s => Path.Combine(Path.GetFullPath(outputFolder), Path.ChangeExtension(Path.GetFileName(s), ".png"))).ToArray();
        if (targets.Intersect(sources, StringComparer.Ordinal).FirstOrDefault() is { } clash)
        {
            throw new CliError($"--out {outputFolder}: translating would overwrite the input {clash}; choose another folder.");
        }

        if (targets.GroupBy(t => t, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new CliError($"--input {input}: two images would both be written as {twice.Key} (same name, different extension); rename one.");
        }

        var ml = new MLContext(0);
        var data = ml.Data.LoadFromEnumerable(sources.Select(s => new PathRow { Path = Path.GetFileName(s) }));
        var pipeline = ml.Transforms.LoadImages("Source", folder, nameof(PathRow.Path))
            .Append(ml.Transforms.ResizeImages("Source", width, height))
            .Append(ml.Transforms.TranslateImages(new TranslateImagesOptions
            {
                ModelFile = file,
                OutputColumnName = "Translated",
                InputColumnName = "Source",
                Runtime = (runtime ?? OnnxRuntimeOptions.Default) with { BatchSize = batchSize },
            }));
        using var transformer = pipeline.Fit(data);
        Directory.CreateDirectory(outputFolder);
        var watch = Stopwatch.StartNew();
        var written = 0;
        CountProgressBar.Run($"translate {Path.GetFileName(file)}", targets.Length, "images", report =>
        {
            foreach (var (image, target) in transformer.Transform(data).GetColumn<MLImage>("Translated").Zip(targets))
            {
                using (image)
                {
                    var temporary = target + ".tmp.png";
                    image.Save(temporary);
                    File.Move(temporary, target, overwrite: true);
                    report(++written);
                }
            }
        });
        Terminal.Info($"{written} images through {Path.GetFileName(file)} in {watch.Elapsed.TotalSeconds:F1} s ({written / watch.Elapsed.TotalSeconds:F0} images/s, ML.NET, batch {batchSize})");
        Terminal.Wrote("translated images", outputFolder);
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

        var files = Directory.GetFiles(input)
            .Where(f => s_extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (files.Length == 0)
        {
            throw new CliError($"--input {input}: no PNG/JPEG images in this folder.");
        }

        // Nothing is skipped silently: other files are named (hidden ones, such as .DS_Store, are not counted).
        var others = Directory.GetFiles(input).Where(f => !Path.GetFileName(f).StartsWith('.')).Except(files, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (others.Length > 0)
        {
            Terminal.Info($"skipping {others.Length} file{(others.Length == 1 ? "" : "s")} that {(others.Length == 1 ? "is" : "are")} not PNG/JPEG: {string.Join(", ", others.Take(5).Select(Path.GetFileName))}{(others.Length > 5 ? ", ..." : "")}");
        }

        return files;
    }

    private sealed class PathRow
    {
        public string Path { get; set; } = string.Empty;
    }
}
