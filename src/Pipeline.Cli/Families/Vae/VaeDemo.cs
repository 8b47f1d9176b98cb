using Pipeline.Application.Settings;
using Pipeline.Application.Training;
using Pipeline.Application.Vae;
using Pipeline.Cli.Families.Exported;
using Pipeline.Inference;
using Pipeline.Inference.Reconstruction;
using Pipeline.Inference.Sampling;
using Pipeline.Models.Vae;
using Pipeline.Training.Runs;
using Pipeline.Training.Vae;

namespace Pipeline.Cli.Families.Vae;

/// <summary>
/// The VAE's part of the main job: the lecture's 784-400-20 VAE trained on Fashion-MNIST, evaluated, drawn (samples,
/// traversal, reconstructions, a latent edit), exported to ONNX inside its run folder and run in an ML.NET pipeline;
/// then a 2-D latent VAE for the manifold figure. The committed onnx/vae-lecture is written only by an explicit
/// <c>export --out onnx/vae-lecture</c>, so the demo leaves the checkout clean.
/// </summary>
internal sealed class VaeDemo : IDemo
{
    public IReadOnlyList<Option> Options { get; } = [VaeSettings.DemoImportanceSamples.ToOption()];

    public int Demo(VerbContext context, DemoSettings settings)
    {
        var data = DataSource.FashionMnist(settings.TrainLimit, settings.TestLimit);
        var device = context.Device;
        var training = new VaeTrainingOptions(Epochs: settings.Epochs, Seed: context.Seed);
        var config = new VaeRunConfig(VaeOptions.Lecture, training, data, context.DeviceName, context.Get(RuntimeSettings.Threads));

        Terminal.Heading("VAE 1/2  The lecture's VAE: 784-400-20, Bernoulli decoder, Adam 1e-3, batch 128");
        var lecturePath = Path.Combine(context.Path, "vae-lecture");
        var exportFolder = Path.Combine(lecturePath, "onnx");
        using (RunLock.Acquire(lecturePath))
        {
            Train(context, config, lecturePath);
            if (context.Cancellation.IsCancellationRequested)
            {
                return 130;
            }

            using var vae = TrainedVae.Load(lecturePath, device);
            Terminal.Wrote(VaeOperations.Evaluate(vae, device, context.Get(VaeSettings.DemoImportanceSamples), Math.Min(1000, settings.TestLimit ?? 1000), context.Seed));
            Terminal.Wrote(VaeOperations.Sample(vae, device, 64, 1.0, context.Seed));
            Terminal.Wrote(VaeOperations.Traverse(vae, device, 0, 1, 15, 3.0, TraversalSpacing.Quantile));
            Terminal.Wrote(VaeOperations.Reconstruct(vae, device, 32));
            Terminal.Wrote(VaeOperations.Edit(vae, device, 10, [(0, 2.0), (1, -2.0)]));
            ModelCards.Show(VaeOperations.Export(vae, exportFolder));
        }

        Terminal.Heading("VAE 2/2  A 2-D latent VAE: the learned manifold");
        var manifoldPath = Path.Combine(context.Path, "vae-manifold2d");
        using (RunLock.Acquire(manifoldPath))
        {
            Train(context, config with { Model = VaeOptions.Manifold2D }, manifoldPath);
            if (context.Cancellation.IsCancellationRequested)
            {
                return 130;
            }

            using var vae = TrainedVae.Load(manifoldPath, device);
            Terminal.Wrote(VaeOperations.Traverse(vae, device, 0, 1, 20, 3.0, TraversalSpacing.Quantile, path: Path.Combine(manifoldPath, "images", "manifold.png")));
        }

        Terminal.Heading("ML.NET: the exported VAE in an ML.NET pipeline");
        MlNet(exportFolder, Path.Combine(lecturePath, "mlnet"), context.Seed);
        return 0;
    }

    private static void Train(VerbContext context, VaeRunConfig config, string runPath) =>
        TrainSubcommand.Train(context, VaeOperations.OpenTraining(new TrainingRequest<VaeRunConfig>(config, runPath, false, context.Device)), "vae", "VAE", VaeFamily.Row);

    /// <summary>
    /// 256 test images as PNGs through an ML.NET pipeline (load, reconstruct, re-encode) and 64 prior samples decoded
    /// from random latents, written into <paramref name="outputFolder"/>.
    /// </summary>
    private static void MlNet(string onnxFolder, string outputFolder, int seed)
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
