using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Pipeline.Cli.Console;
using Pipeline.Data;

namespace Pipeline.Cli.Jobs;

/// <summary>
/// The inference stages on exported ONNX models through ML.NET (Pipeline.MLNet's estimators): no TorchSharp, no
/// training run needed. <c>sample</c> and <c>reconstruct</c> take an export folder (decoder.onnx, encoder.onnx) or,
/// for <c>sample</c>, a decoder file; <c>demo</c> ends with <see cref="Demo"/>.
/// </summary>
internal static class MlNetJobs
{
    private const string Decoder = "decoder.onnx";
    private const string Encoder = "encoder.onnx";
    private const string Generator = "generator.onnx";

    /// <summary>True when <paramref name="path"/> is an .onnx file or an export folder (decoder.onnx or generator.onnx).</summary>
    public static bool IsOnnxModel(string path) =>
        (File.Exists(path) && path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
        || File.Exists(Path.Combine(path, Decoder)) || File.Exists(Path.Combine(path, Generator));

    /// <summary>
    /// Decodes z ~ N(0, τ²I) into a PNG grid through ML.NET: a VAE decoder with DecodeFromLatent, a GAN generator with
    /// GenerateImages and a label column (one grid row per class in turn, or <paramref name="labels"/> cycled).
    /// </summary>
    public static string Sample(string model, int count, double temperature, int seed, IReadOnlyList<int>? labels, string? output)
    {
        var file = File.Exists(model) ? model : File.Exists(Path.Combine(model, Generator)) ? Path.Combine(model, Generator) : Path.Combine(model, Decoder);
        var metadata = Onnx.OnnxModelMetadata.FromProperties(Onnx.OnnxFile.Metadata(Onnx.OnnxFile.Read(file)));
        var latentSize = metadata.LatentSize
            ?? throw new CliError($"{file}: no {Onnx.OnnxMetadataKeys.LatentSize} metadata; export it with `pipeline export`.");
        var isGenerator = metadata.Role == Onnx.OnnxMetadataKeys.Roles.Generator;
        var classes = metadata.ClassCount ?? 1;
        if (labels?.Where(l => l < 0 || l >= classes).ToArray() is [var bad, ..])
        {
            throw new CliError($"--labels {bad}: {file} has classes 0..{classes - 1}.");
        }

        var columns = Columns(count);
        var ml = new MLContext(seed);
        var random = new Random(seed);
        var rows = Enumerable.Range(0, count).Select(i => new LatentRow
        {
            Z = Enumerable.Range(0, latentSize).Select(_ => (float)(Gaussian(random) * temperature)).ToArray(),
            Label = labels is { Count: > 0 } ? labels[i % labels.Count] : (i / columns) % classes,
        }).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows, LatentRow.Schema(ml, latentSize));
        using var transformer = isGenerator
            ? ml.Transforms.GenerateImages("Decoded", file, nameof(LatentRow.Z), labelColumnName: nameof(LatentRow.Label)).Fit(data)
            : ml.Transforms.DecodeFromLatent("Decoded", file, nameof(LatentRow.Z)).Fit(data);
        var pixels = transformer.Transform(data).GetColumn<float[]>("Decoded").SelectMany(p => p).ToArray();
        var (c, h, w) = Geometry(pixels.Length / count);
        var path = output ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, "samples.png");
        ImageGrid.SavePng(path, pixels, count, c, h, w, columns);
        Terminal.Wrote($"{(isGenerator ? "generated images" : "prior samples")} (ML.NET, {transformer.ExecutionProvider})", path);
        return path;
    }

    /// <summary>Fashion-MNIST test images as PNGs → LoadImages → ResizeImages → EncodeToLatent → DecodeFromLatent, in alternating rows.</summary>
    public static string Reconstruct(string folder, int count, string? output)
    {
        var ml = new MLContext(0);
        var work = Directory.CreateTempSubdirectory("pipeline-reconstruct-").FullName;
        try
        {
            var (reconstructed, _, _) = Reconstruct(ml, folder, TestPngs(work, count), work);
            var path = output ?? Path.Combine(folder, "reconstructions.png");
            SaveAlternating(path, reconstructed.Originals, reconstructed.Reconstructions, count);
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
        Directory.CreateDirectory(outputFolder);
        var inputs = Path.Combine(outputFolder, "inputs");
        Directory.CreateDirectory(inputs);
        var ml = new MLContext(seed);
        var pngs = TestPngs(inputs, 256);
        var (reconstructed, rows, seconds) = Reconstruct(ml, onnxFolder, pngs, inputs);
        var grid = Path.Combine(outputFolder, "reconstructions.png");
        SaveAlternating(grid, reconstructed.Originals.Take(32 * 784).ToArray(), reconstructed.Reconstructions.Take(32 * 784).ToArray(), 32);
        var samples = Sample(onnxFolder, 64, 1.0, seed, null, Path.Combine(outputFolder, "samples.png"));
        Terminal.Summary("ML.NET pipeline on the exported VAE", [
            ("pipeline", "LoadImages → ResizeImages → EncodeToLatent → DecodeFromLatent → EncodeToLatent"),
            ("rows", $"{rows} PNGs from {inputs}"),
            ("throughput", $"{rows / seconds:F0} rows/s ({seconds * 1000:F0} ms, batch 64)"),
            ("mean |z(x) - z(x̂)|", $"{reconstructed.LatentDrift:F3}"),
        ]);
        Terminal.Wrote("reconstructions", grid);
        _ = samples;
    }

    private static (Reconstruction Result, int Rows, double Seconds) Reconstruct(MLContext ml, string folder, string[] pngs, string imageFolder)
    {
        var data = ml.Data.LoadFromEnumerable(pngs.Select(p => new PathRow { Path = Path.GetFileName(p) }));
        var pipeline = ml.Transforms.LoadImages("Image", imageFolder, nameof(PathRow.Path))
            .Append(ml.Transforms.ResizeImages("Image", 28, 28))
            .Append(ml.Transforms.ExtractPixels("Pixels", "Image", Microsoft.ML.Transforms.Image.ImagePixelExtractingEstimator.ColorBits.Red, scaleImage: 1f / 255))
            .Append(ml.Transforms.EncodeToLatent("Mean", "LogVariance", "Image", Path.Combine(folder, Encoder)))
            .Append(ml.Transforms.DecodeFromLatent("Reconstruction", Path.Combine(folder, Decoder), "Mean", imageColumnName: "ReconstructionImage"))
            .Append(ml.Transforms.EncodeToLatent("ReMean", "ReLogVariance", "Reconstruction", Path.Combine(folder, Encoder)));
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
        return (new Reconstruction(originals.ToArray(), reconstructions.ToArray(), drift / n), n, seconds);
    }

    private static string[] TestPngs(string folder, int count)
    {
        var test = FashionMnist.Load(DataSplit.Test);
        if (count > test.Count)
        {
            throw new CliError($"asked for {count} test images, the test set has {test.Count}.");
        }

        return Enumerable.Range(0, count).Select(i =>
        {
            var path = Path.Combine(folder, $"test-{i:D4}.png");
            var bgra = new byte[784 * 4];
            var image = test.Image(i);
            for (var p = 0; p < 784; p++)
            {
                var g = (byte)Math.Round(image[p] * 255);
                bgra[4 * p] = bgra[(4 * p) + 1] = bgra[(4 * p) + 2] = g;
                bgra[(4 * p) + 3] = 255;
            }

            using var png = MLImage.CreateFromPixels(28, 28, MLPixelFormat.Bgra32, bgra);
            png.Save(path);
            return path;
        }).ToArray();
    }

    private static void SaveAlternating(string path, float[] originals, float[] reconstructions, int count)
    {
        var columns = Columns(count);
        var cells = new List<float>();
        for (var start = 0; start < count; start += columns)
        {
            var take = Math.Min(columns, count - start);
            cells.AddRange(originals.AsSpan(start * 784, take * 784).ToArray());
            cells.AddRange(new float[(columns - take) * 784]);
            cells.AddRange(reconstructions.AsSpan(start * 784, take * 784).ToArray());
            cells.AddRange(new float[(columns - take) * 784]);
        }

        ImageGrid.SavePng(path, cells.ToArray(), cells.Count / 784, 1, 28, 28, columns);
    }

    private static (int C, int H, int W) Geometry(int size) => size switch
    {
        784 => (1, 28, 28),
        _ when Math.Sqrt(size / 3.0) % 1 == 0 => (3, (int)Math.Sqrt(size / 3.0), (int)Math.Sqrt(size / 3.0)),
        _ => (1, (int)Math.Sqrt(size), (int)Math.Sqrt(size)),
    };

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static int Columns(int count) => (int)Math.Ceiling(Math.Sqrt(count));

    private sealed record Reconstruction(float[] Originals, float[] Reconstructions, double LatentDrift);

    private sealed class PathRow
    {
        public string Path { get; set; } = string.Empty;
    }

    private sealed class LatentRow
    {
        public float[] Z { get; set; } = [];

        public int Label { get; set; }

        public static SchemaDefinition Schema(MLContext ml, int size)
        {
            var schema = SchemaDefinition.Create(typeof(LatentRow));
            schema[nameof(Z)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, size);
            return schema;
        }
    }
}
