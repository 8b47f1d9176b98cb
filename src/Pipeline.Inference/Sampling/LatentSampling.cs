using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Pipeline.Inference.Pictures;
using Pipeline.MLNet;
using Pipeline.Onnx;
using Pipeline.Primitives;

namespace Pipeline.Inference.Sampling;

/// <summary>
/// Sampling from an exported generator or VAE decoder through ML.NET: z ~ N(0, τ²I) decoded by <c>GenerateImages</c>
/// (with a label column for a class-conditional generator: one grid row per class in turn, or the labels asked for
/// cycled).
/// </summary>
internal static class LatentSampling
{
    public static SampleReport Sample(SampleRequest request)
    {
        var model = request.Model;
        var clock = Stopwatch.StartNew();
        var file = File.Exists(model) ? model
            : ExportedModelFiles.FindByRole(model, OnnxMetadataKeys.Roles.Generator) ?? ExportedModelFiles.FindByRole(model, OnnxMetadataKeys.Roles.Decoder)
            ?? throw new InvalidRequestException($"{model}: no .onnx file with role '{OnnxMetadataKeys.Roles.Generator}' or '{OnnxMetadataKeys.Roles.Decoder}' in its {OnnxMetadataKeys.Role} metadata.");
        var metadata = ExportedModelFiles.Metadata(file);
        var latentSize = metadata.LatentSize
            ?? throw new InvalidRequestException($"{file}: no {OnnxMetadataKeys.LatentSize} metadata; export it with `pipeline export`.");
        var isGenerator = metadata.Role == OnnxMetadataKeys.Roles.Generator;
        var classes = metadata.ClassCount ?? 1;
        var labels = request.Labels;
        if (labels?.Where(l => l < 0 || l >= classes).ToArray() is [var bad, ..])
        {
            throw new InvalidRequestException($"--labels {bad}: {file} has classes 0..{classes - 1}.");
        }

        var ml = new MLContext(request.Seed);
        var requested = Enumerable.Range(0, request.Count).Select(i => labels is { Count: > 0 } ? labels[i % labels.Count] : i % classes).ToArray();
        var data = ml.Data.LoadFromEnumerable(Latents(requested, latentSize, request.Sampling.Temperature, request.Seed), LatentRow.Schema(latentSize));
        using var transformer = ml.Transforms.GenerateImages(new GenerateImagesOptions
        {
            ModelFile = file,
            OutputColumnName = "Decoded",
            InputColumnName = nameof(LatentRow.Z),
            LabelColumnName = isGenerator && metadata.ClassCount is not null ? nameof(LatentRow.Label) : null,
            Runtime = request.Runtime ?? OnnxRuntimeOptions.Default,
        }).Fit(data);
        var images = transformer.Transform(data).GetColumn<float[]>("Decoded");
        var shape = ExportedModelFiles.Shape(metadata, file);
        var stem = Path.ChangeExtension(Path.GetFullPath(request.Output), null);
        var rowPerClass = isGenerator && metadata.ClassCount is not null && labels is not { Count: > 0 };
        var summary = $"{(isGenerator ? "generated images" : "prior samples")} through ML.NET ({transformer.ExecutionProvider}) from {file}";
        var pictures = PictureGrids.SaveGenerated(stem, images, requested, shape, classes, Path.GetFileName(file), request.Png, request.Idx, rowPerClass, metadata.ClassNames);
        return new SampleReport(pictures, request.Count, clock.Elapsed, summary);
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
