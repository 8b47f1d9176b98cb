using System.CommandLine;
using Pipeline.Cli.Console;
using Pipeline.Cli.Jobs;
using Pipeline.Models.Vae;
using Pipeline.Onnx;
using Pipeline.Training.Runs;
using Pipeline.Training.Vae;

namespace Pipeline.Cli.Commands;

/// <summary>
/// <c>demo</c>, the README's main job: the lecture's VAE trained on Fashion-MNIST, evaluated, and drawn (samples,
/// traversal, reconstructions, a latent edit) and exported to ONNX, plus a 2-D latent VAE for the manifold figure.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "The main job: train the lecture's 784-400-20 VAE on Fashion-MNIST, evaluate, draw and export it to ONNX; then a 2-D VAE for the manifold.");
        var runtime = new RuntimeOptions();
        var output = new Option<string>("--out") { Description = "folder for the runs", DefaultValueFactory = _ => Path.Combine("runs", "main") };
        var epochs = new Option<int>("--epochs") { Description = "epochs of each VAE", DefaultValueFactory = _ => 10 };
        var trainLimit = new Option<int?>("--train-limit") { Description = "use only the first N training images (quick look)" };
        var testLimit = new Option<int?>("--test-limit") { Description = "use only the first N test images (quick look)" };
        var samples = new Option<int>("--k") { Description = "importance samples for -log p(x)", DefaultValueFactory = _ => 100 };
        var onnx = new Option<string>("--onnx-out") { Description = "folder for the exported ONNX models and their cards", DefaultValueFactory = _ => "onnx" };
        runtime.AddTo(command);
        foreach (Option option in new Option[] { output, epochs, trainLimit, testLimit, samples, onnx })
        {
            command.Options.Add(option);
        }

        command.SetAction(r => Terminal.Guard(() =>
        {
            var root = r.GetValue(output)!;
            var seed = r.GetValue(runtime.Seed);
            var n = r.GetValue(epochs);
            if (n < 1)
            {
                throw new CliError($"--epochs must be at least 1, got {n}.");
            }

            var data = DataSource.FashionMnist(r.GetValue(trainLimit), r.GetValue(testLimit));
            var device = runtime.Apply(r);
            using var ctrlC = new CtrlC();
            var training = new VaeTrainingOptions(Epochs: n, Seed: seed);
            var config = new VaeRunConfig(VaeOptions.Lecture, training, data, r.GetValue(runtime.Device)!, r.GetValue(runtime.Threads));

            Terminal.Heading("1/2  The lecture's VAE: 784-400-20, Bernoulli decoder, Adam 1e-3, batch 128");
            var lecturePath = Path.Combine(root, "vae-lecture");
            VaeJobs.Train(config, lecturePath, resume: false, device, ctrlC.Token);
            if (ctrlC.Token.IsCancellationRequested)
            {
                return 130;
            }

            using (var vae = TrainedVae.Load(lecturePath, device))
            {
                VaeJobs.Evaluate(vae, device, r.GetValue(samples), Math.Min(1000, r.GetValue(testLimit) ?? 1000), seed);
                VaeJobs.Sample(vae, device, 64, 1.0, seed, null);
                VaeJobs.Traverse(vae, device, 0, 1, 15, 3.0, TraversalSpacing.Quantile, null, null);
                VaeJobs.Reconstruct(vae, device, 32, null);
                VaeJobs.Edit(vae, device, 10, [(0, 2.0), (1, -2.0)], null);
                ExportJobs.ExportVae(vae, Path.Combine(r.GetValue(onnx)!, "vae-lecture"), OnnxVersions.DefaultOpset);
            }

            Terminal.Heading("2/2  A 2-D latent VAE: the learned manifold");
            var manifoldPath = Path.Combine(root, "vae-manifold2d");
            VaeJobs.Train(config with { Model = VaeOptions.Manifold2D }, manifoldPath, resume: false, device, ctrlC.Token);
            using (var vae = TrainedVae.Load(manifoldPath, device))
            {
                VaeJobs.Traverse(vae, device, 0, 1, 20, 3.0, TraversalSpacing.Quantile, null, Path.Combine(manifoldPath, "images", "manifold.png"));
            }

            Terminal.Heading("ML.NET: the exported VAE in an ML.NET pipeline");
            MlNetJobs.Demo(Path.Combine(r.GetValue(onnx)!, "vae-lecture"), Path.Combine(lecturePath, "mlnet"), seed);
            return 0;
        }));
        return command;
    }
}
