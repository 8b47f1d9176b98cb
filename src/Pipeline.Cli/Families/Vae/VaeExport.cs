using System.Globalization;
using Pipeline.Application.Vae;
using Pipeline.Cli.Console;
using Pipeline.Cli.Families.Capabilities;
using Pipeline.Export.Families;
using Pipeline.Export;
using Pipeline.Training.Runs;
using Pipeline.Training.Vae;
using static TorchSharp.torch;

namespace Pipeline.Cli.Families.Vae;

/// <summary><c>export</c> on a VAE run: encoder.onnx and decoder.onnx verified on real test images, the plain ML.NET zip and a model card.</summary>
internal sealed class VaeExport : IExport
{
    public void Export(VerbContext context, string folder, int opset)
    {
        using var vae = TrainedVae.Load(context.Path, CPU);
        Run(vae, folder, opset);
    }

    /// <summary>Exports a VAE run's encoder and decoder into <paramref name="directory"/>, verified on real test images.</summary>
    public static VaeOnnxFiles Run(TrainedVae vae, string directory, int opset)
    {
        using var scope = NewDisposeScope();
        var realImages = VaeOperations.TestImages(vae, CPU, Math.Min(16, vae.Data.Test.Count));
        var files = VaeOnnxExport.Export(vae.Model, directory, vae.Run.Id, realImages, opset);

        Terminal.Summary($"ONNX export of {vae.Run.Id}", [
            .. ModelCards.Describe("encoder", files.Encoder),
            .. ModelCards.Describe("decoder", files.Decoder),
        ]);
        var card = VaeModelCard.Create(vae.Config.Model, files, vae.Run.Id)
            .Heading("Training")
            .Bullets(Training(vae))
            .Paragraph("Metrics are nats per image with the Bernoulli likelihood applied to grey levels, the convention of Kingma and Welling's and PyTorch's examples.");
        ModelCards.Write(directory, card);
        return files;
    }

    // The run's history: data, optimisation, the last epoch and the evaluation when there is one.
    private static IEnumerable<string> Training(TrainedVae vae)
    {
        var o = vae.Config.Model;
        var t = vae.Config.Training;
        var metrics = new MetricsLog<VaeEpochMetrics>(vae.Run.MetricsPath).ReadAll();
        var last = metrics.Count > 0 ? metrics[^1] : null;
        var evaluation = vae.Run.ReadEvaluation<VaeEvaluation>();
        string F(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

        yield return $"data: {vae.Config.Data.Kind} from `{vae.Config.Data.Path}`{(vae.Config.Data.TrainLimit is { } n ? $" (first {n} training images)" : "")}";
        yield return $"Adam, learning rate {t.LearningRate.ToString(CultureInfo.InvariantCulture)} ({t.Schedule}), batch {t.BatchSize}, {vae.Step} steps ({(last is null ? "?" : F(last.Epoch))} epochs), β = {o.Beta.ToString(CultureInfo.InvariantCulture)}, seed {t.Seed}";
        if (last is not null)
        {
            yield return $"final epoch: train −ELBO {F(last.TrainNegElbo)}, test −ELBO {F(last.TestNegElbo)} nats/image (reconstruction {F(last.TestReconstruction)} + KL {F(last.TestKl)}); {last.ImagesPerSecond:F0} images/s";
        }

        if (evaluation is not null)
        {
            yield return $"evaluation at step {evaluation.Step}: test −ELBO {F(evaluation.TestNegElbo)} over {evaluation.TestImages} images; importance-weighted −log p(x) {F(evaluation.IwaeNll)} nats (k = {evaluation.IwaeSamples}, {evaluation.IwaeImages} images)";
        }
    }
}
