using Pipeline.Application.Settings;
using Pipeline.Application.VqVae2;
using Pipeline.Cli.Families.PixelCnn;
using Pipeline.Training.VqVae2;

namespace Pipeline.Cli.Families.VqVae2;

/// <summary>VQ-VAE-2 (Razavi et al. 2019): <c>train vqvae2</c>, <c>train vqvae2-prior</c> (RUN/priors/LEVEL) and the verbs on its runs.</summary>
internal static class VqVae2Family
{
    /// <summary>The family, ready for the registry.</summary>
    public static ModelFamily Create() => new(
        VqVae2RunConfig.RunKind,
        "VQ-VAE-2 (two-level vector-quantised autoencoder)",
        [
            TrainSubcommand.Create(
                "vqvae2",
                "Train a VQ-VAE-2 (Razavi et al. 2019: bottom and top code grids, EMA codebooks) on Fashion-MNIST, another IDX set or an image folder.",
                VqVae2Settings.Training, VqVae2Settings.Config, _ => VqVae2TrainingPlan.Instance, "VQ-VAE-2",
                m => ($"epoch {m.Epoch:F2} (step {m.Step})",
                    $"train MSE {m.TrainMse:F5}  test MSE {m.TestMse:F5}  PSNR {m.TestPsnr:F2} dB  perplexity top {m.Top.Perplexity:F1} ({m.Top.Used} used), bottom {m.Bottom.Perplexity:F1} ({m.Bottom.Used} used)  {m.ImagesPerSecond:F0} img/s")),
            TrainSubcommand.Create(
                "vqvae2-prior",
                "Train a gated PixelCNN prior over a trained VQ-VAE-2's codes (extracted once into RUN/codes): --level top (given the class), then --level bottom (given the top codes and the class). The run goes to RUN/priors/LEVEL.",
                VqVae2Settings.PriorTraining, VqVae2Settings.PriorConfig, request => new VqVae2PriorTrainingPlan(request.RunPath, request.Device, Terminal.Notes), "VQ-VAE-2 prior",
                m => PixelCnnFamily.Row(m, "code", "grids", "grids"),
                new RunPlace(VqVae2Settings.PriorFolder, v => $"--autoencoder {v.Get(VqVae2Settings.Autoencoder)} --level {v.Get(VqVae2Settings.Level)}")),
        ],
        [
            new VqVae2Evaluate(),
            new ReconstructVerb((c, images) => Load(c).Use(model => VqVae2Operations.Reconstruct(model, c.Device, images, c.Output))),
            new ExportVerb((c, folder, opset) => TrainedVqVae2.Load(c.Path, TorchSharp.torch.CPU).Use(model => VqVae2Operations.Export(model, folder, opset, Terminal.Notes))),
            new VqVae2ExtractCodes(),

            // Ancestral samples with the priors (top codes, then bottom codes, then decode): a PNG grid per class and/or IDX files.
            new AutoregressiveRunSample((c, request) =>
            {
                using var model = Load(c);
                using var priors = VqVae2Priors.Load(model, c.Device);
                CliError.Check(() => SampleSettings.Refuse(request, c.Path, priors.Top.Model, priors.Bottom.Model));
                return VqVae2Operations.Sample(model, priors, c.Device, request, Terminal.Notes);
            }),
        ]);

    /// <summary>The trained model of the verb's run, on the verb's device.</summary>
    public static TrainedVqVae2 Load(VerbContext context) => TrainedVqVae2.Load(context.Path, context.Device);
}
