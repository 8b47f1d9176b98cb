using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Pipeline.Cli.Console;
using Pipeline.MLNet.Sampling;
using Pipeline.Onnx;
using Pipeline.Onnx.Sampling;

namespace Pipeline.Cli.Families.Exported;

/// <summary>
/// <c>sample EXPORT</c> for exported autoregressive models (a PixelCNN over pixels, or VQ-VAE-2's priors and decoder):
/// the ML.NET <c>SampleImages</c> transform over rows of (class, seed), image n from seed S + n and classes in turn or
/// <c>--labels</c> cycled, as <c>sample RUN</c> draws them, so a run and its export give the same images.
/// </summary>
internal static class AutoregressiveJobs
{
    /// <summary>True when <paramref name="path"/> holds (or is) a model <c>SampleImages</c> can draw from.</summary>
    public static bool IsAutoregressive(string path) =>
        File.Exists(path)
            ? path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) && OnnxModels.Metadata(path).Role == OnnxMetadataKeys.Roles.Autoregressive
            : Directory.Exists(path) && OnnxModels.FindByRole(path, OnnxMetadataKeys.Roles.Autoregressive) is not null;

    public static void Sample(string model, int count, CategoricalSampling sampling, int seed, IReadOnlyList<int>? labels, string output, bool png, bool idx)
    {
        CliError.Check(sampling.Validate);
        var ml = new MLContext(seed);
        int? classes;
        using (var probe = Open(model))
        {
            classes = probe.ClassCount;
            CategoricalSamplingOptions.RefuseGuidance(sampling, probe.CanGuide, model);
        }

        if (classes is null && labels is { Count: > 0 })
        {
            throw new CliError($"{model} is unconditional: --labels does not apply.");
        }

        if (labels?.Where(l => l < 0 || l >= classes).ToArray() is [var bad, ..])
        {
            throw new CliError($"--labels {bad}: {model} has classes [0, {classes - 1}].");
        }

        var requested = Enumerable.Range(0, count).Select(n => classes is null ? 0 : labels is { Count: > 0 } ? labels[n % labels.Count] : n % classes.Value).ToArray();

        // Rows made as ML.NET pulls them, so IDX alone streams to disk with flat memory at any count.
        var data = ml.Data.LoadFromEnumerable(requested.Select((label, n) => new Request { Seed = (long)seed + n, Label = label }));
        var clock = Stopwatch.StartNew();
        using var sampler = ml.Transforms.SampleImages("Image", model, classes is null ? null : nameof(Request.Label), nameof(Request.Seed),
            temperature: sampling.Temperature, topK: sampling.TopK, topP: sampling.TopP, guidance: sampling.Guidance).Fit(data);
        var shape = sampler.GetOutputSchema(data.Schema)["Image"].Type is VectorDataViewType v ? (v.Dimensions[0], v.Dimensions[1], v.Dimensions[2]) : throw new InvalidOperationException("The image column is not a vector.");
        var stem = Path.ChangeExtension(Path.GetFullPath(output), null);
        var rowPerClass = classes is not null && labels is not { Count: > 0 };
        var names = OnnxModels.FindByRole(model, OnnxMetadataKeys.Roles.Autoregressive) is { } prior ? OnnxModels.Metadata(prior).ClassNames : null;
        Pictures.SaveGenerated(stem, sampler.Transform(data).GetColumn<float[]>("Image"), requested, shape, classes ?? 1, Path.GetFileName(Path.GetFullPath(model)), png, idx, rowPerClass, names);
        Terminal.Info($"{count} images sampled through ML.NET from the {sampler.Family} export {model} in {clock.Elapsed.TotalSeconds:F1} s ({count / clock.Elapsed.TotalSeconds:F2} images/s including writing, batches of {sampler.Runtime.BatchSize})");
    }

    private static AutoregressiveImageSampler Open(string model)
    {
        try
        {
            return AutoregressiveImageSampler.Open(model);
        }
        catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliError(ex.Message);
        }
    }

    private sealed class Request
    {
        public long Seed { get; set; }

        public int Label { get; set; }
    }
}
