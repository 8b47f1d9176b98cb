using System.Diagnostics;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using Microsoft.ML;
using Pipeline.Cli.Console;
using Pipeline.Data;
using Pipeline.MLNet;
using Pipeline.Onnx;
using Pipeline.Primitives;
using Pipeline.Reports;

namespace Pipeline.Cli.Families.Exported;

/// <summary>
/// The inference stages on exported ONNX models through ML.NET (Pipeline.MLNet's estimators): no TorchSharp, no
/// training run needed. Models are found in an export folder by their metadata role, and image shape, latent size and
/// classes come from their metadata. <c>sample</c> takes an export folder or an .onnx file, <c>reconstruct</c> a
/// folder with an encoder and a decoder; <c>demo</c> ends with <see cref="Demo"/>.
/// </summary>
internal static class MlNetJobs
{
    /// <summary>True when <paramref name="path"/> is an .onnx file or a folder holding a generator, decoder, translator or autoregressive model by metadata role.</summary>
    public static bool IsOnnxModel(string path) =>
        (File.Exists(path) && path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
        || (Directory.Exists(path) && (OnnxModels.FindByRole(path, OnnxMetadataKeys.Roles.Generator) ?? OnnxModels.FindByRole(path, OnnxMetadataKeys.Roles.Decoder)
            ?? OnnxModels.FindByRole(path, OnnxMetadataKeys.Roles.Translator) ?? OnnxModels.FindByRole(path, OnnxMetadataKeys.Roles.Autoregressive)) is not null);

    /// <summary>
    /// Decodes z ~ N(0, τ²I) into a PNG grid through ML.NET: a VAE decoder with DecodeFromLatent, a GAN generator with
    /// GenerateImages and a label column (one grid row per class in turn, or <paramref name="labels"/> cycled).
    /// </summary>
    public static string Sample(string model, int count, double temperature, int seed, IReadOnlyList<int>? labels, string output, bool png = true, bool idx = false, OnnxRuntimeOptions? runtime = null)
    {
        var file = File.Exists(model) ? model
            : OnnxModels.FindByRole(model, OnnxMetadataKeys.Roles.Generator) ?? OnnxModels.FindByRole(model, OnnxMetadataKeys.Roles.Decoder)
            ?? throw new CliError($"{model}: no .onnx file with role '{OnnxMetadataKeys.Roles.Generator}' or '{OnnxMetadataKeys.Roles.Decoder}' in its {OnnxMetadataKeys.Role} metadata.");
        var metadata = OnnxModels.Metadata(file);
        var latentSize = metadata.LatentSize
            ?? throw new CliError($"{file}: no {OnnxMetadataKeys.LatentSize} metadata; export it with `pipeline export`.");
        var isGenerator = metadata.Role == OnnxMetadataKeys.Roles.Generator;
        var classes = metadata.ClassCount ?? 1;
        if (labels?.Where(l => l < 0 || l >= classes).ToArray() is [var bad, ..])
        {
            throw new CliError($"--labels {bad}: {file} has classes 0..{classes - 1}.");
        }

        var ml = new MLContext(seed);
        var requested = Enumerable.Range(0, count).Select(i => labels is { Count: > 0 } ? labels[i % labels.Count] : i % classes).ToArray();
        var data = ml.Data.LoadFromEnumerable(Latents(requested, latentSize, temperature, seed), LatentRow.Schema(latentSize));
        using var transformer = ml.Transforms.GenerateImages(new GenerateImagesOptions
        {
            ModelFile = file,
            OutputColumnName = "Decoded",
            InputColumnName = nameof(LatentRow.Z),
            LabelColumnName = isGenerator && metadata.ClassCount is not null ? nameof(LatentRow.Label) : null,
            Runtime = runtime ?? OnnxRuntimeOptions.Default,
        }).Fit(data);
        var images = transformer.Transform(data).GetColumn<float[]>("Decoded");
        var shape = OnnxModels.Shape(metadata, file);
        var stem = Path.ChangeExtension(Path.GetFullPath(output), null);
        var rowPerClass = isGenerator && metadata.ClassCount is not null && labels is not { Count: > 0 };
        Terminal.Info($"{(isGenerator ? "generated images" : "prior samples")} through ML.NET ({transformer.ExecutionProvider}) from {file}");
        Pictures.SaveGenerated(stem, images, requested, shape, classes, Path.GetFileName(file), png, idx, rowPerClass, metadata.ClassNames);
        return stem + ".png";
    }

    /// <summary>
    /// Test images as PNGs → LoadImages → ResizeImages → EncodeToLatent → DecodeFromLatent (a VQ-VAE-2 folder:
    /// EncodeToCodes → DecodeFromCodes), in alternating rows.
    /// </summary>
    public static string Reconstruct(string folder, int count, string? output)
    {
        var ml = new MLContext(0);
        var work = Directory.CreateTempSubdirectory("pipeline-reconstruct-").FullName;
        try
        {
            var (reconstructed, _, _) = Reconstruct(ml, folder, TestPngs(work, count), work);
            var path = output ?? Path.Combine(Environment.CurrentDirectory, $"{Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar))}-reconstructions.png");   // never into the (committed) export folder
            SaveAlternating(path, reconstructed, count);
            Terminal.Wrote("originals (odd rows) and reconstructions (even rows), ML.NET", path);
            return path;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// The demo's last stage: test images as PNGs through an ML.NET pipeline (load, reconstruct, re-encode) and
    /// prior samples decoded from random latents, written into <paramref name="outputFolder"/>.
    /// </summary>
    public static void Demo(string onnxFolder, string outputFolder, int seed)
    {
        const int shown = 32;
        Directory.CreateDirectory(outputFolder);
        var inputs = Path.Combine(outputFolder, "inputs");
        Directory.CreateDirectory(inputs);
        var ml = new MLContext(seed);
        var pngs = TestPngs(inputs, 256);
        var (reconstructed, rows, seconds) = Reconstruct(ml, onnxFolder, pngs, inputs);
        var grid = Path.Combine(outputFolder, "reconstructions.png");
        SaveAlternating(grid, reconstructed, shown);
        Sample(onnxFolder, 64, 1.0, seed, null, Path.Combine(outputFolder, "samples.png"));
        Terminal.Summary("ML.NET pipeline on the exported VAE", [
            ("pipeline", "LoadImages → ResizeImages → EncodeToLatent → DecodeFromLatent → EncodeToLatent"),
            ("rows", $"{rows} PNGs from {inputs}"),
            ("throughput", $"{rows / seconds:F0} rows/s ({seconds * 1000:F0} ms, batch 64)"),
            ("mean |z(x) - z(x̂)|", $"{reconstructed.LatentDrift:F3}"),
        ]);
        Terminal.Wrote("reconstructions", grid);
    }

    private static (Reconstruction Result, int Rows, double Seconds) Reconstruct(MLContext ml, string folder, string[] pngs, string imageFolder)
    {
        var encoder = OnnxModels.FindByRole(folder, OnnxMetadataKeys.Roles.Encoder)
            ?? throw new CliError($"{folder}: no .onnx file with role '{OnnxMetadataKeys.Roles.Encoder}' in its {OnnxMetadataKeys.Role} metadata; reconstruct needs a VAE export folder.");
        var decoder = OnnxModels.FindByRole(folder, OnnxMetadataKeys.Roles.Decoder)
            ?? throw new CliError($"{folder}: no .onnx file with role '{OnnxMetadataKeys.Roles.Decoder}' in its {OnnxMetadataKeys.Role} metadata; reconstruct needs a VAE export folder.");
        var shape = OnnxModels.Shape(OnnxModels.Metadata(encoder), encoder);
        if (OnnxModels.Metadata(encoder).ModelFamily == "vqvae2")
        {
            return ReconstructFromCodes(ml, encoder, decoder, shape, pngs, imageFolder);
        }

        var data = ml.Data.LoadFromEnumerable(pngs.Select(p => new PathRow { Path = Path.GetFileName(p) }));
        var colors = shape.C == 3 ? ImagePixelExtractingEstimator.ColorBits.Rgb : ImagePixelExtractingEstimator.ColorBits.Red;
        var pipeline = ml.Transforms.LoadImages("Image", imageFolder, nameof(PathRow.Path))
            .Append(ml.Transforms.ResizeImages("Image", shape.W, shape.H))
            .Append(ml.Transforms.ExtractPixels("Pixels", "Image", colors, scaleImage: 1f / 255))
            .Append(ml.Transforms.EncodeToLatent("Mean", "LogVariance", "Image", encoder))
            .Append(ml.Transforms.DecodeFromLatent("Reconstruction", decoder, "Mean", imageColumnName: "ReconstructionImage"))
            .Append(ml.Transforms.EncodeToLatent("ReMean", "ReLogVariance", "Reconstruction", encoder));
        var model = pipeline.Fit(data);
        var watch = Stopwatch.StartNew();
        var output = model.Transform(data);
        var originals = new List<float>();
        var reconstructions = new List<float>();
        double drift = 0;
        var n = 0;
        using (var cursor = output.GetRowCursor(output.Schema))
        {
            var pixels = cursor.GetGetter<VBuffer<float>>(output.Schema["Pixels"]);
            var reconstruction = cursor.GetGetter<VBuffer<float>>(output.Schema["Reconstruction"]);
            var mean = cursor.GetGetter<VBuffer<float>>(output.Schema["Mean"]);
            var reMean = cursor.GetGetter<VBuffer<float>>(output.Schema["ReMean"]);
            VBuffer<float> a = default, b = default, m = default, r = default;
            while (cursor.MoveNext())
            {
                pixels(ref a);
                reconstruction(ref b);
                mean(ref m);
                reMean(ref r);
                originals.AddRange(a.DenseValues());
                reconstructions.AddRange(b.DenseValues());
                drift += m.DenseValues().Zip(r.DenseValues()).Average(p => Math.Abs(p.First - p.Second));
                n++;
            }
        }

        var seconds = watch.Elapsed.TotalSeconds;
        return (new Reconstruction(originals.ToArray(), reconstructions.ToArray(), shape, drift / n), n, seconds);
    }

    // VQ-VAE-2: LoadImages → ResizeImages → EncodeToCodes (top, bottom) → DecodeFromCodes; the drift is the fraction of
    // bottom codes that change when the reconstruction is encoded again.
    private static (Reconstruction Result, int Rows, double Seconds) ReconstructFromCodes(MLContext ml, string encoder, string decoder, (int C, int H, int W) shape, string[] pngs, string imageFolder)
    {
        var data = ml.Data.LoadFromEnumerable(pngs.Select(p => new PathRow { Path = Path.GetFileName(p) }));
        var colors = shape.C == 3 ? ImagePixelExtractingEstimator.ColorBits.Rgb : ImagePixelExtractingEstimator.ColorBits.Red;
        var pipeline = ml.Transforms.LoadImages("Image", imageFolder, nameof(PathRow.Path))
            .Append(ml.Transforms.ResizeImages("Image", shape.W, shape.H))
            .Append(ml.Transforms.ExtractPixels("Pixels", "Image", colors, scaleImage: 1f / 255))
            .Append(ml.Transforms.EncodeToCodes(["Top", "Bottom"], "Image", encoder))
            .Append(ml.Transforms.DecodeFromCodes("Reconstruction", decoder, ["Top", "Bottom"]))
            .Append(ml.Transforms.EncodeToCodes(["ReTop", "ReBottom"], "Reconstruction", encoder));
        var model = pipeline.Fit(data);
        var watch = Stopwatch.StartNew();
        var output = model.Transform(data);
        var originals = output.GetColumn<float[]>("Pixels").SelectMany(p => p).ToArray();
        var reconstructions = output.GetColumn<float[]>("Reconstruction").SelectMany(p => p).ToArray();
        var changed = output.GetColumn<long[]>("Bottom").Zip(output.GetColumn<long[]>("ReBottom")).Average(p => p.First.Zip(p.Second).Average(c => c.First == c.Second ? 0.0 : 1.0));
        return (new Reconstruction(originals, reconstructions, shape, changed), pngs.Length, watch.Elapsed.TotalSeconds);
    }

    private static string[] TestPngs(string folder, int count)
    {
        var test = FashionMnist.Load(DataSplit.Test);
        if (count > test.Count)
        {
            throw new CliError($"asked for {count} test images, the test set has {test.Count}.");
        }

        var plane = test.Height * test.Width;
        return Enumerable.Range(0, count).Select(i =>
        {
            var path = Path.Combine(folder, $"test-{i:D4}.png");
            var bgra = new byte[plane * 4];
            var image = test.Image(i);
            for (var p = 0; p < plane; p++)
            {
                // Planar CHW: grey repeats its one plane into B, G and R; colour takes R, G, B from planes 0, 1, 2.
                var (r, g, b) = test.Channels == 3 ? (image[p], image[plane + p], image[(2 * plane) + p]) : (image[p], image[p], image[p]);
                bgra[4 * p] = Level(b);
                bgra[(4 * p) + 1] = Level(g);
                bgra[(4 * p) + 2] = Level(r);
                bgra[(4 * p) + 3] = 255;
            }

            using var png = MLImage.CreateFromPixels(test.Width, test.Height, MLPixelFormat.Bgra32, bgra);
            png.Save(path);
            return path;
        }).ToArray();
    }

    private static void SaveAlternating(string path, Reconstruction reconstructed, int count)
    {
        var (c, h, w) = reconstructed.Shape;
        count = Math.Min(count, reconstructed.Originals.Length / (c * h * w));
        var columns = Pictures.Columns(count);
        var cells = ImageGrid.Alternating(reconstructed.Originals, reconstructed.Reconstructions, count, c * h * w, columns);
        ImageGrid.SavePng(path, cells, cells.Length / (c * h * w), c, h, w, columns);
    }

    // z ~ N(0, τ²I) drawn row by row as ML.NET pulls them: memory stays flat at any count, and every cursor (each
    // enumeration starts a new Random) sees the same latents.
    private static IEnumerable<LatentRow> Latents(int[] labels, int latentSize, double temperature, int seed)
    {
        var random = new Random(seed);
        foreach (var label in labels)
        {
            yield return new LatentRow { Z = Enumerable.Range(0, latentSize).Select(_ => (float)(Gaussian.Next(random) * temperature)).ToArray(), Label = label };
        }
    }

    private static byte Level(float value) => (byte)Math.Round(Math.Clamp(value, 0f, 1f) * 255);

    private sealed record Reconstruction(float[] Originals, float[] Reconstructions, (int C, int H, int W) Shape, double LatentDrift);

    private sealed class PathRow
    {
        public string Path { get; set; } = string.Empty;
    }

    private sealed class LatentRow
    {
        public float[] Z { get; set; } = [];

        public int Label { get; set; }

        public static SchemaDefinition Schema(int size)
        {
            var schema = SchemaDefinition.Create(typeof(LatentRow));
            schema[nameof(Z)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, size);
            return schema;
        }
    }
}
