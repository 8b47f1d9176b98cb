using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Pipeline.Data;
using Pipeline.MLNet;

namespace Pipeline.Application.Translation;

/// <summary>
/// Exported translators run through ML.NET (<c>TranslateImages</c>) without TorchSharp: the export's panels are
/// drawn from these outputs, and its card reports the measured speed.
/// </summary>
internal static class TranslationMlNet
{
    /// <summary>Translates <paramref name="images"/> (planar, in [0, 1]) with <paramref name="model"/> at batch <paramref name="batchSize"/>.</summary>
    public static ImageDataset Translate(string model, ImageDataset images, int batchSize = 64)
    {
        var ml = new MLContext(0);
        using var transformer = Fit(ml, model, images, batchSize, out var data);
        var outputs = transformer.Transform(data).GetColumn<MLImage>("Translated").ToArray();
        try
        {
            var (width, height) = (outputs[0].Width, outputs[0].Height);
            var plane = width * height;
            var pixels = new float[outputs.Length * images.Channels * plane];
            for (var i = 0; i < outputs.Length; i++)
            {
                var bgra = outputs[i].Pixels;
                for (var c = 0; c < images.Channels; c++)
                {
                    var channel = images.Channels == 1 ? 2 : 2 - c;   // BGRA bytes: R is 2, G 1, B 0; grey has R = G = B
                    for (var p = 0; p < plane; p++)
                    {
                        pixels[(((i * images.Channels) + c) * plane) + p] = bgra[(4 * p) + channel] / 255f;
                    }
                }
            }

            return new ImageDataset(pixels, new int[outputs.Length], images.Channels, height, width, 1, $"{Path.GetFileName(model)} in ML.NET");
        }
        finally
        {
            foreach (var image in outputs)
            {
                image.Dispose();
            }
        }
    }

    /// <summary>Images per second through <c>TranslateImages</c> at each batch size, over <paramref name="images"/> after one warm-up pass.</summary>
    public static IReadOnlyList<(int BatchSize, double ImagesPerSecond)> Throughput(string model, ImageDataset images, IReadOnlyList<int> batchSizes)
    {
        var ml = new MLContext(0);
        var results = new List<(int, double)>();
        foreach (var batch in batchSizes)
        {
            using var transformer = Fit(ml, model, images, batch, out var data);
            Drain(transformer, data);
            var clock = Stopwatch.StartNew();
            var count = Drain(transformer, data);
            results.Add((batch, count / clock.Elapsed.TotalSeconds));
        }

        return results;
    }

    private static int Drain(ITransformer transformer, IDataView data)
    {
        var count = 0;
        foreach (var image in transformer.Transform(data).GetColumn<MLImage>("Translated"))
        {
            image.Dispose();
            count++;
        }

        return count;
    }

    private static GenerativeOnnxTransformer Fit(MLContext ml, string model, ImageDataset images, int batchSize, out IDataView data)
    {
        var rows = Enumerable.Range(0, images.Count).Select(i => new Row { Image = images.Image(i).ToArray() }).ToArray();
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Image)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, images.PixelsPerImage);
        data = ml.Data.LoadFromEnumerable(rows, schema);
        return ml.Transforms.TranslateImages(new TranslateImagesOptions
        {
            ModelFile = model,
            OutputColumnName = "Translated",
            InputColumnName = nameof(Row.Image),
            Runtime = OnnxRuntimeOptions.Default with { BatchSize = batchSize },
        }).Fit(data);
    }

    private sealed class Row
    {
        public float[] Image { get; set; } = [];
    }
}
