using System.Globalization;
using System.Text;
using System.Text.Json;
using Pipeline.Cli.Console;
using Pipeline.Data;
using Pipeline.Export;
using Pipeline.Export.Families;
using Pipeline.Onnx.Summary;
using Pipeline.Training.Batching;
using Pipeline.Training.Gans;
using Pipeline.Training.Runs;
using Pipeline.Training.Vae;
using static TorchSharp.torch;

namespace Pipeline.Cli.Jobs;

/// <summary>Export stage: trained run → verified ONNX files with a model card.</summary>
internal static class ExportJobs
{
    /// <summary>Card written beside the ONNX files.</summary>
    public const string CardFile = "MODEL_CARD.md";

    /// <summary>Exports a VAE run's encoder and decoder into <paramref name="directory"/>, verified on real test images.</summary>
    public static VaeOnnxFiles ExportVae(TrainedVae vae, string directory, int opset)
    {
        var test = vae.Data.Test;
        using var scope = NewDisposeScope();
        var loader = new MiniBatchLoader(test, 16, seed: 0, CPU, shuffle: false);
        var realImages = loader.Gather(Enumerable.Range(0, Math.Min(16, test.Count)).ToArray()).Images;
        var files = VaeOnnxExport.Export(vae.Model, directory, vae.Run.Id, realImages, opset);

        var card = Path.Combine(directory, CardFile);
        AtomicFile.Write(card, stream =>
        {
            using var writer = new StreamWriter(stream);
            writer.Write(VaeCard(vae, files));
        });
        Terminal.Summary($"ONNX export of {vae.Run.Id}", [
            .. Describe("encoder", files.Encoder),
            .. Describe("decoder", files.Decoder),
        ]);
        Terminal.Wrote("model card", card);
        return files;
    }

    /// <summary>Exports a GAN run's generator (the moving average when the run keeps one) into <paramref name="directory"/>.</summary>
    public static OnnxExportReport ExportGan(TrainedGan gan, string directory, int opset)
    {
        var report = GanOnnxExport.Export(gan.Generator, directory, gan.Run.Id, opset);
        var card = Path.Combine(directory, CardFile);
        AtomicFile.Write(card, stream =>
        {
            using var writer = new StreamWriter(stream);
            writer.Write(GanCard(gan, report));
        });
        Terminal.Summary($"ONNX export of {gan.Run.Id}", [.. Describe("generator", report)]);
        Terminal.Wrote("model card", card);
        return report;
    }

    private static IEnumerable<(string, string)> Describe(string role, OnnxExportReport report)
    {
        yield return (role, report.Path);
        yield return ("  parameters, bytes", $"{report.ParameterCount:N0}, {report.FileBytes:N0}");
        yield return ("  max |ONNX Runtime - TorchSharp|", Parity(report));
    }

    // A card's table of files: graph inputs and outputs, size, cost and the parity the export was verified to.
    private static string FileTable(params OnnxExportReport[] reports)
    {
        var table = new StringBuilder();
        table.AppendLine("| file | inputs | outputs | parameters | MACs per image | max abs diff vs TorchSharp |");
        table.AppendLine("|---|---|---|---|---|---|");
        foreach (var report in reports)
        {
            var summary = OnnxModelSummary.Read(report.Path);
            var inputs = string.Join(", ", summary.Inputs.Select(v => $"`{v.Name}` {v.ShapeText}"));
            var outputs = string.Join(", ", summary.Outputs.Select(v => $"`{v.Name}` {v.ShapeText}"));
            table.AppendLine($"| `{Path.GetFileName(report.Path)}` | {inputs} | {outputs} | {report.ParameterCount:N0} | {summary.MacsPerSample:N0} | {Parity(report)} |");
        }

        return table.ToString();
    }

    private static string Parity(OnnxExportReport report) =>
        string.Join(", ", report.MaxAbsDifference.Select(d => $"{d.Key} {d.Value:0.0e0}"));

    private static string VaeCard(TrainedVae vae, VaeOnnxFiles files)
    {
        var o = vae.Config.Model;
        var t = vae.Config.Training;
        var metrics = new MetricsLog<VaeEpochMetrics>(vae.Run.MetricsPath).ReadAll();
        var last = metrics.Count > 0 ? metrics[^1] : null;
        var evaluationPath = Path.Combine(vae.Run.Path, "evaluation.json");
        var evaluation = File.Exists(evaluationPath) ? JsonSerializer.Deserialize<VaeEvaluation>(File.ReadAllText(evaluationPath), RunFolder.Json) : null;

        var card = new StringBuilder();
        void Line(string text = "") => card.AppendLine(text);
        string F(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

        Line($"# VAE `{vae.Run.Id}`");
        Line();
        Line($"A variational autoencoder (Kingma and Welling 2014): {o.Architecture} networks, {o.Channels}x{o.ImageSize}x{o.ImageSize} images in [0, 1], a {o.LatentSize}-dimensional latent with diagonal Gaussian posterior, {o.Likelihood} decoder likelihood, hidden width {o.HiddenSize}.");
        Line();
        card.Append(FileTable(files.Encoder, files.Decoder));

        Line();
        Line($"The decoder's output is the Bernoulli mean sigmoid(logits), an image in [0, 1]; the encoder returns the posterior mean and log-variance. Sample a latent as z = mean + exp(log_var / 2) · ε. Batch size is dynamic (`batch`). ONNX opset {files.Encoder.Opset}; verified with ONNX Runtime against TorchSharp's eval-mode forward on batches [{string.Join(", ", files.Encoder.BatchSizes)}], tolerance 1e-4, including real test images.");
        Line();
        Line("## Training");
        Line();
        Line($"- data: {vae.Config.Data.Kind} from `{vae.Config.Data.Path}`{(vae.Config.Data.TrainLimit is { } n ? $" (first {n} training images)" : "")}");
        Line($"- Adam, learning rate {t.LearningRate.ToString(CultureInfo.InvariantCulture)} ({t.Schedule}), batch {t.BatchSize}, {vae.Step} steps ({(last is null ? "?" : F(last.Epoch))} epochs), β = {o.Beta.ToString(CultureInfo.InvariantCulture)}, seed {t.Seed}");
        if (last is not null)
        {
            Line($"- final epoch: train −ELBO {F(last.TrainNegElbo)}, test −ELBO {F(last.TestNegElbo)} nats/image (reconstruction {F(last.TestReconstruction)} + KL {F(last.TestKl)}); {last.ImagesPerSecond:F0} images/s");
        }

        if (evaluation is not null)
        {
            Line($"- evaluation at step {evaluation.Step}: test −ELBO {F(evaluation.TestNegElbo)} over {evaluation.TestImages} images; importance-weighted −log p(x) {F(evaluation.IwaeNll)} nats (k = {evaluation.IwaeSamples}, {evaluation.IwaeImages} images)");
        }

        Line();
        Line("Metrics are nats per image with the Bernoulli likelihood applied to grey levels, the convention of Kingma and Welling's and PyTorch's examples.");
        return card.ToString();
    }

    private static string GanCard(TrainedGan gan, OnnxExportReport report)
    {
        var o = gan.Config.Model;
        var t = gan.Config.Training;
        var evaluationPath = Path.Combine(gan.Run.Path, "evaluation.json");
        var evaluation = File.Exists(evaluationPath) ? JsonSerializer.Deserialize<GanEvaluation>(File.ReadAllText(evaluationPath), RunFolder.Json) : null;
        var card = new StringBuilder();
        void Line(string text = "") => card.AppendLine(text);
        string F(double value) => value.ToString("F3", CultureInfo.InvariantCulture);

        Line($"# GAN generator `{gan.Run.Id}`");
        Line();
        Line($"A DCGAN-style generator (Radford et al. 2016) for {o.Channels}x{o.ImageSize}x{o.ImageSize} images, "
            + (o.IsConditional ? $"class-conditional over {o.ClassCount} classes by conditional batch normalisation" : "unconditional")
            + $", latent size {o.LatentSize}, width {o.GeneratorWidth}{(o.AttentionResolution is { } a ? $", self-attention at {a}x{a}" : "")}. "
            + $"Trained against a {(o.IsConditional ? "projection " : "")}discriminator{(o.SpectralNorm ? " with spectral normalisation" : "")}"
            + (o.AuxiliaryClassifier ? $" and an auxiliary class head (AC-GAN, class-loss weight {t.ClassLossWeight.ToString(CultureInfo.InvariantCulture)})." : "."));
        Line();
        card.Append(FileTable(report));
        Line();
        Line($"`z` is N(0, I) noise (truncate for cleaner images); `label` is the int64 class index{(o.IsConditional ? "" : ", ignored by this unconditional generator")}. The output image is in [0, 1]: the generator's tanh output mapped by (x + 1) / 2. Weights are the {(t.EmaDecay > 0 ? $"exponential moving average (decay {t.EmaDecay.ToString(CultureInfo.InvariantCulture)}) of the generator's" : "generator's")}. ONNX opset {report.Opset}; verified with ONNX Runtime against TorchSharp on batches [{string.Join(", ", report.BatchSizes)}], tolerance 1e-4.");
        Line();
        Line("## Training");
        Line();
        Line($"- data: {gan.Config.Data.Kind} from `{gan.Config.Data.Path}`");
        Line($"- {t.Objective} loss, {gan.Step} generator steps of batch {t.BatchSize}, {t.DiscriminatorSteps} discriminator step(s) per generator step, Adam(β = {t.Beta1.ToString(CultureInfo.InvariantCulture)}, {t.Beta2.ToString(CultureInfo.InvariantCulture)}), learning rates G {t.GeneratorLearningRate.ToString(CultureInfo.InvariantCulture)} / D {t.DiscriminatorLearningRate.ToString(CultureInfo.InvariantCulture)}, seed {t.Seed}");
        if (evaluation is not null)
        {
            Line($"- evaluation at step {evaluation.Step} on {evaluation.Images} images: "
                + (evaluation.ClassAccuracy is { } accuracy ? $"the project's classifier recognises the requested class in {F(accuracy)} of generated images (real test images: {F(evaluation.RealAccuracy)}); " : "")
                + $"Fréchet distance in its feature space {F(evaluation.FrechetDistance)} (real train vs test: {F(evaluation.RealFrechetDistance)})");
        }

        return card.ToString();
    }
}
