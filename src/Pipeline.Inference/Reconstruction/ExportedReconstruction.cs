using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using Pipeline.Data;
using Pipeline.Inference.Pictures;
using Pipeline.MLNet;
using Pipeline.Onnx;
using Pipeline.Reports;

namespace Pipeline.Inference.Reconstruction;

/// <summary>
/// Fashion-MNIST test images as PNGs → LoadImages → ResizeImages → EncodeToLatent → DecodeFromLatent → EncodeToLatent
/// through ML.NET (a VQ-VAE-2 folder: EncodeToCodes → DecodeFromCodes → EncodeToCodes): the exported encoder and
/// decoder as a user's ML.NET app would chain them, with originals and reconstructions drawn in alternating rows.
/// </summary>
internal static class ExportedReconstruction
{
    public static ReconstructionReport Reconstruct(ReconstructRequest request)
    {
        var ml = new MLContext(0);
        var work = request.ImageFolder ?? Directory.CreateTempSubdirectory("pipeline-reconstruct-").FullName;
        try
        {
            Directory.CreateDirectory(work);
            var (reconstructed, rows, seconds) = Reconstruct(ml, request.Model, TestPngs(work, request.Count), work);
            var path = request.Output ?? Path.Combine(Environment.CurrentDirectory, $"{Path.GetFileName(Path.GetFullPath(request.Model).TrimEnd(Path.DirectorySeparatorChar))}-reconstructions.png");
            SaveAlternating(path, reconstructed, request.Shown ?? request.Count);
            return new ReconstructionReport(new Picture(path, "originals (odd rows) and reconstructions (even rows), ML.NET"), rows, TimeSpan.FromSeconds(seconds), reconstructed.LatentDrift);
        }
        finally
        {
            if (request.ImageFolder is null)
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static (Reconstructed Result, int Rows, double Seconds) Reconstruct(MLContext ml, string folder, string[] pngs, string imageFolder)
    {
        var encoder = ExportedModelFiles.FindByRole(folder, OnnxMetadataKeys.Roles.Encoder)
            ?? throw new InvalidRequestException($"{folder}: no .onnx file with role '{OnnxMetadataKeys.Roles.Encoder}' in its {OnnxMetadataKeys.Role} metadata; reconstruct needs a VAE export folder.");
        var decoder = ExportedModelFiles.FindByRole(folder, OnnxMetadataKeys.Roles.Decoder)
            ?? throw new InvalidRequestException($"{folder}: no .onnx file with role '{OnnxMetadataKeys.Roles.Decoder}' in its {OnnxMetadataKeys.Role} metadata; reconstruct needs a VAE export folder.");
        var shape = ExportedModelFiles.Shape(ExportedModelFiles.Metadata(encoder), encoder);
        if (ExportedModelFiles.Metadata(encoder).ModelFamily == "vqvae2")
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
        return (new Reconstructed(originals.ToArray(), reconstructions.ToArray(), shape, drift / n), n, seconds);
    }

    // VQ-VAE-2: LoadImages → ResizeImages → EncodeToCodes (top, bottom) → DecodeFromCodes; the drift is the fraction of
    // bottom codes that change when the reconstruction is encoded again.
    private static (Reconstructed Result, int Rows, double Seconds) ReconstructFromCodes(MLContext ml, string encoder, string decoder, (int C, int H, int W) shape, string[] pngs, string imageFolder)
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
        return (new Reconstructed(originals, reconstructions, shape, changed), pngs.Length, watch.Elapsed.TotalSeconds);
    }

    private static string[] TestPngs(string folder, int count)
    {
        var test = FashionMnist.Load(DataSplit.Test);
        if (count > test.Count)
        {
            throw new InvalidRequestException($"asked for {count} test images, the test set has {test.Count}.");
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

    private static void SaveAlternating(string path, Reconstructed reconstructed, int count)
    {
        var (c, h, w) = reconstructed.Shape;
        count = Math.Min(count, reconstructed.Originals.Length / (c * h * w));
        var columns = PictureGrids.Columns(count);
        var cells = ImageGrid.Alternating(reconstructed.Originals, reconstructed.Reconstructions, count, c * h * w, columns);
        ImageGrid.SavePng(path, cells, cells.Length / (c * h * w), c, h, w, columns);
    }

    private static byte Level(float value) => (byte)Math.Round(Math.Clamp(value, 0f, 1f) * 255);

    private sealed record Reconstructed(float[] Originals, float[] Reconstructions, (int C, int H, int W) Shape, double LatentDrift);

    private sealed class PathRow
    {
        public string Path { get; set; } = string.Empty;
    }
}
