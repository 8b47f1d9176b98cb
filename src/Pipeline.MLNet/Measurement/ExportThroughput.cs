using System.Diagnostics;
using Microsoft.ML.Transforms.Image;
using Pipeline.MLNet.Sampling;

namespace Pipeline.MLNet.Measurement;

/// <summary>
/// How fast an export folder makes images through ML.NET, the way an app would run it: a decoder or generator from
/// random latents (<c>DecodeFromLatent</c>, <c>GenerateImages</c>), a translator on random images
/// (<c>TranslateImages</c>), autoregressive models by ancestral sampling (<c>SampleImages</c>). The files' metadata
/// say which; file names do not matter.
/// </summary>
/// <example>
/// <code>
/// foreach (var figure in ExportThroughput.Measure("onnx/vae-lecture", [1, 64]))
/// {
///     Console.WriteLine($"{figure.Task}: {figure.ImagesPerSecond:F0} images/s at batch {figure.BatchSize}");
/// }
/// </code>
/// </example>
public static class ExportThroughput
{
    /// <summary>
    /// Times each way the export makes images at each batch size: one untimed pass to warm up, then
    /// <paramref name="images"/> images (at least four batches' worth), on <paramref name="threads"/> ONNX Runtime threads.
    /// </summary>
    /// <exception cref="InvalidDataException">the folder holds no ONNX file that makes images.</exception>
    public static IReadOnlyList<ThroughputFigure> Measure(string exportFolder, IReadOnlyList<int> batchSizes, int images = 64, int threads = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(images, 1);
        var models = ExportedModels.Read(exportFolder).Models;
        var figures = new List<ThroughputFigure>();
        foreach (var batch in batchSizes)
        {
            var runtime = OnnxRuntimeOptions.Default with { BatchSize = batch, IntraOpThreads = threads };
            var count = Math.Max(images, 4 * batch);
            if (models.Any(m => m.Metadata.Role == OnnxMetadataKeys.Roles.Autoregressive))
            {
                figures.Add(Time("SampleImages", exportFolder, batch, count, ml => Sampled(ml, exportFolder, models, runtime, count)));
            }

            foreach (var model in models.Where(IsStandalone))
            {
                figures.Add(Time(Transform(model), model.Source, batch, count, ml => Generated(ml, model, runtime, count)));
            }
        }

        return figures.Count > 0
            ? figures
            : throw new InvalidDataException($"{exportFolder}: no ONNX file that makes images (it holds {ExportedModels.Read(exportFolder).Describe()}).");
    }

    // A VQ-VAE-2 decoder turns code grids into images: it is timed as part of SampleImages, not from random latents.
    private static bool IsStandalone(GenerativeOnnxModel model) => model.Metadata is
    { Role: OnnxMetadataKeys.Roles.Generator or OnnxMetadataKeys.Roles.Translator }
        or { Role: OnnxMetadataKeys.Roles.Decoder, LatentSize: not null };

    private static string Transform(GenerativeOnnxModel model) => model.Metadata.Role switch
    {
        OnnxMetadataKeys.Roles.Translator => "TranslateImages",
        OnnxMetadataKeys.Roles.Generator => "GenerateImages",
        _ => "DecodeFromLatent",
    };

    private static ThroughputFigure Time(string task, string source, int batch, int count, Func<MLContext, IDataView> run)
    {
        var ml = new MLContext(0);
        Drain(run(ml));
        var clock = Stopwatch.StartNew();
        var made = Drain(run(ml));
        return new ThroughputFigure(task, Path.GetFileName(source.TrimEnd(Path.DirectorySeparatorChar)), batch, made, made / clock.Elapsed.TotalSeconds);
    }

    private static int Drain(IDataView view)
    {
        var column = view.Schema.Single(c => c.Name == "Output");
        using var cursor = view.GetRowCursor([column]);
        var count = 0;
        if (column.Type is ImageDataViewType)
        {
            var image = cursor.GetGetter<MLImage>(column);
            while (cursor.MoveNext())
            {
                MLImage value = null!;
                image(ref value);
                value.Dispose();
                count++;
            }

            return count;
        }

        var vector = cursor.GetGetter<VBuffer<float>>(column);
        var pixels = default(VBuffer<float>);
        while (cursor.MoveNext())
        {
            vector(ref pixels);
            count++;
        }

        return count;
    }

    private static IDataView Sampled(MLContext ml, string folder, IReadOnlyList<GenerativeOnnxModel> models, OnnxRuntimeOptions runtime, int count)
    {
        var classes = models.Select(m => m.Metadata.ClassCount).FirstOrDefault(c => c is not null);
        var rows = Enumerable.Range(0, count).Select(i => new SeedRow { Seed = i, Label = classes is { } k ? i % k : 0 });
        var data = ml.Data.LoadFromEnumerable(rows);
        return ml.Transforms.SampleImages(new SampleImagesOptions
        {
            ModelPath = folder,
            OutputColumnName = "Output",
            LabelColumnName = classes is null ? null : nameof(SeedRow.Label),
            Runtime = runtime,
        }).Fit(data).Transform(data);
    }

    private static IDataView Generated(MLContext ml, GenerativeOnnxModel model, OnnxRuntimeOptions runtime, int count)
    {
        var metadata = model.Metadata;
        var size = metadata.Role == OnnxMetadataKeys.Roles.Translator
            ? (metadata.ImageChannels ?? 1) * (metadata.ImageHeight ?? 1) * (metadata.ImageWidth ?? 1)
            : metadata.LatentSize ?? throw new InvalidDataException($"{model.Source}: no {OnnxMetadataKeys.LatentSize} metadata.");
        var random = new Random(0);
        var rows = Enumerable.Range(0, count).Select(i => new InputRow
        {
            Input = Enumerable.Range(0, size).Select(_ => metadata.Role == OnnxMetadataKeys.Roles.Translator ? random.NextSingle() : (float)Primitives.Gaussian.Next(random)).ToArray(),
            Label = metadata.ClassCount is { } k ? i % k : 0,
        });
        var schema = SchemaDefinition.Create(typeof(InputRow));
        schema[nameof(InputRow.Input)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, size);
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var estimator = metadata.Role switch
        {
            OnnxMetadataKeys.Roles.Translator => ml.Transforms.TranslateImages(new TranslateImagesOptions
            {
                ModelFile = model.Source, OutputColumnName = "Output", InputColumnName = nameof(InputRow.Input), Runtime = runtime,
            }),
            OnnxMetadataKeys.Roles.Generator => ml.Transforms.GenerateImages(new GenerateImagesOptions
            {
                ModelFile = model.Source, OutputColumnName = "Output", InputColumnName = nameof(InputRow.Input),
                LabelColumnName = metadata.ClassCount is null ? null : nameof(InputRow.Label), Runtime = runtime,
            }),
            _ => ml.Transforms.DecodeFromLatent(new DecodeFromLatentOptions
            {
                ModelFile = model.Source, OutputColumnName = "Output", InputColumnName = nameof(InputRow.Input), Runtime = runtime,
            }),
        };
        return estimator.Fit(data).Transform(data);
    }

    private sealed class SeedRow
    {
        public long Seed { get; set; }

        public int Label { get; set; }
    }

    private sealed class InputRow
    {
        public float[] Input { get; set; } = [];

        public int Label { get; set; }
    }
}

/// <summary>One figure of <see cref="ExportThroughput.Measure"/>.</summary>
/// <param name="Task">The ML.NET transform that made the images, e.g. "TranslateImages".</param>
/// <param name="File">The ONNX file (or the export folder, for sampling over several files).</param>
/// <param name="BatchSize">Rows per ONNX Runtime call (per step-graph call when sampling).</param>
/// <param name="Images">Images timed.</param>
/// <param name="ImagesPerSecond">Images made per second of wall time.</param>
public sealed record ThroughputFigure(string Task, string File, int BatchSize, int Images, double ImagesPerSecond);
