using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Pipeline.Inference.Pictures;
using Pipeline.MLNet.Sampling;
using Pipeline.Onnx;

namespace Pipeline.Inference.Sampling;

/// <summary>
/// Sampling from exported autoregressive models (a PixelCNN over pixels, or VQ-VAE-2's priors and decoder): the ML.NET
/// <c>SampleImages</c> transform over rows of (class, seed), image n from seed S + n and classes in turn or the labels
/// asked for cycled, as <c>sample RUN</c> draws them, so a run and its export give the same images.
/// </summary>
internal static class AutoregressiveSampling
{
    public static SampleReport Sample(SampleRequest request)
    {
        var (model, sampling, labels) = (request.Model, request.Sampling, request.Labels);
        try
        {
            sampling.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new InvalidRequestException(ex.Message);
        }

        var ml = new MLContext(request.Seed);
        int? classes;
        using (var probe = Open(model))
        {
            classes = probe.ClassCount;
            if (sampling.IsGuided && !probe.CanGuide)
            {
                throw new InvalidRequestException($"--guidance {sampling.Guidance.ToString(CultureInfo.InvariantCulture)}: {model} was trained without class dropout, so it has no \"no class\" label to guide with; leave --guidance at 1, or train with --class-dropout (0.1-0.2) and export that run for a model that supports guidance.");
            }
        }

        if (classes is null && labels is { Count: > 0 })
        {
            throw new InvalidRequestException($"{model} is unconditional: --labels does not apply.");
        }

        if (labels?.Where(l => l < 0 || l >= classes).ToArray() is [var bad, ..])
        {
            throw new InvalidRequestException($"--labels {bad}: {model} has classes [0, {classes - 1}].");
        }

        var requested = Enumerable.Range(0, request.Count).Select(n => classes is null ? 0 : labels is { Count: > 0 } ? labels[n % labels.Count] : n % classes.Value).ToArray();

        // Rows made as ML.NET pulls them, so IDX alone streams to disk with flat memory at any count.
        var data = ml.Data.LoadFromEnumerable(requested.Select((label, n) => new Row { Seed = (long)request.Seed + n, Label = label }));
        var clock = Stopwatch.StartNew();
        using var sampler = ml.Transforms.SampleImages("Image", model, classes is null ? null : nameof(Row.Label), nameof(Row.Seed),
            temperature: sampling.Temperature, topK: sampling.TopK, topP: sampling.TopP, guidance: sampling.Guidance).Fit(data);
        var shape = sampler.GetOutputSchema(data.Schema)["Image"].Type is VectorDataViewType v ? (v.Dimensions[0], v.Dimensions[1], v.Dimensions[2]) : throw new InvalidOperationException("The image column is not a vector.");
        var stem = Path.ChangeExtension(Path.GetFullPath(request.Output), null);
        var rowPerClass = classes is not null && labels is not { Count: > 0 };
        var names = ExportedModelFiles.FindByRole(model, OnnxMetadataKeys.Roles.Autoregressive) is { } prior ? ExportedModelFiles.Metadata(prior).ClassNames : null;
        var pictures = PictureGrids.SaveGenerated(stem, sampler.Transform(data).GetColumn<float[]>("Image"), requested, shape, classes ?? 1, Path.GetFileName(Path.GetFullPath(model)), request.Png, request.Idx, rowPerClass, names);
        var elapsed = clock.Elapsed;
        var summary = $"{request.Count} images sampled through ML.NET from the {sampler.Family} export {model} in {elapsed.TotalSeconds:F1} s ({request.Count / elapsed.TotalSeconds:F2} images/s including writing, batches of {sampler.Runtime.BatchSize})";
        return new SampleReport(pictures, request.Count, elapsed, summary);
    }

    private static AutoregressiveImageSampler Open(string model)
    {
        try
        {
            return AutoregressiveImageSampler.Open(model);
        }
        catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidRequestException(ex.Message);
        }
    }

    private sealed class Row
    {
        public long Seed { get; set; }

        public int Label { get; set; }
    }
}
