using Pipeline.Application.PixelCnn;
using Pipeline.Application.Settings;
using Pipeline.Training.PixelCnn;

namespace Pipeline.Cli.Families.PixelCnn;

/// <summary>The gated PixelCNN over pixels (van den Oord et al. 2016): <c>train pixelcnn</c> and the verbs on its runs.</summary>
internal static class PixelCnnFamily
{
    /// <summary>The family, ready for the registry.</summary>
    public static ModelFamily Create() => new(
        PixelCnnRunConfig.RunKind,
        "gated PixelCNN over pixels (autoregressive, exact likelihood)",
        [
            TrainSubcommand.Create(
                "pixelcnn",
                "Train a class-conditional gated PixelCNN (van den Oord et al. 2016) over grey pixels by maximum likelihood on Fashion-MNIST or another IDX set.",
                PixelCnnSettings.Training, PixelCnnSettings.Config, _ => PixelCnnTrainingPlan.Instance, "PixelCNN", m => Row(m, "dim", "images", "img")),
        ],
        [
            // Ancestral samples (temperature, top-k, top-p): a PNG grid per class and/or IDX files.
            new AutoregressiveRunSample((c, request) =>
            {
                using var model = Load(c);
                CliError.Check(() => SampleSettings.Refuse(request, c.Path, model.Model));
                return PixelCnnOperations.Sample(model, c.Device, request, Terminal.Notes);
            }),
            new PixelCnnEvaluate(),

            // pixelcnn.onnx (logits at every pixel for image + class) and a model card.
            new ExportVerb((c, folder, opset) => ModelCards.Show(TrainedPixelCnn.Load(c.Path, TorchSharp.torch.CPU).Use(model => PixelCnnOperations.Export(model, folder, opset)))),
        ]);

    /// <summary>The trained PixelCNN of the verb's run, on the verb's device.</summary>
    public static TrainedPixelCnn Load(VerbContext context) => TrainedPixelCnn.Load(context.Path, context.Device);

    /// <summary>A metrics line of a PixelCNN over pixels (a position is a "dim" of "images") or a prior over codes ("code", "grids").</summary>
    public static (string, string) Row(PixelCnnMetrics m, string position, string grids, string rate) => ($"epoch {m.Epoch:F2} (step {m.Step})",
        $"train {m.TrainBitsPerDimension:F4} bits/{position}  test {m.TestBitsPerDimension:F4} bits/{position} ({m.TestImages} {grids})  {m.Seconds:F1} s  {m.ImagesPerSecond:F0} {rate}/s");
}
