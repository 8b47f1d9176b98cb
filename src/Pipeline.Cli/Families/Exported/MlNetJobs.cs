using Pipeline.Inference;
using Pipeline.Inference.Reconstruction;
using Pipeline.Inference.Sampling;

namespace Pipeline.Cli.Families.Exported;

/// <summary><c>demo</c>'s last stage: the exported VAE in ML.NET pipelines (Pipeline.Inference), with what it wrote and how fast.</summary>
internal static class MlNetJobs
{
    /// <summary>
    /// 256 test images as PNGs through an ML.NET pipeline (load, reconstruct, re-encode) and 64 prior samples decoded
    /// from random latents, written into <paramref name="outputFolder"/>.
    /// </summary>
    public static void Demo(string onnxFolder, string outputFolder, int seed)
    {
        var inputs = Path.Combine(outputFolder, "inputs");
        var reconstructed = InferenceRequests.Run(() => ExportedModelOperations.Reconstruct(
            new ReconstructRequest(onnxFolder, 256, Path.Combine(outputFolder, "reconstructions.png")) { Shown = 32, ImageFolder = inputs }));
        var sampled = InferenceRequests.Run(() => ExportedModelOperations.Sample(new SampleRequest(onnxFolder, 64, seed, Path.Combine(outputFolder, "samples.png"))));
        Terminal.Info(sampled.Summary);
        Terminal.Wrote(sampled.Pictures);
        var seconds = reconstructed.Elapsed.TotalSeconds;
        Terminal.Summary("ML.NET pipeline on the exported VAE", [
            ("pipeline", "LoadImages → ResizeImages → EncodeToLatent → DecodeFromLatent → EncodeToLatent"),
            ("rows", $"{reconstructed.Rows} PNGs from {inputs}"),
            ("throughput", $"{reconstructed.Rows / seconds:F0} rows/s ({seconds * 1000:F0} ms, batch 64)"),
            ("mean |z(x) - z(x̂)|", $"{reconstructed.LatentDrift:F3}"),
        ]);
        Terminal.Wrote("reconstructions", reconstructed.Picture.Path);
    }
}
