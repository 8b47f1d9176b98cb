using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Pipeline.Cli.Console;
using Pipeline.Cli.Families.Capabilities;
using Pipeline.Data;
using Pipeline.Export;
using Pipeline.Export.Families;
using Pipeline.Training.Batching;
using Pipeline.Training.Gans;
using Pipeline.Training.Runs;
using Pipeline.Training.Vae;
using static TorchSharp.torch;

namespace Pipeline.Cli.Families.Gan;

/// <summary><c>export</c> on a GAN run: generator.onnx (the moving average when the run keeps one), the plain ML.NET zip and a model card.</summary>
internal sealed class GanExport : IExport
{
    public void Export(VerbContext context, string folder, int opset)
    {
        using var gan = TrainedGan.Load(context.Path, CPU);
        Run(gan, folder, opset);
    }

    /// <summary>Exports a GAN run's generator (the moving average when the run keeps one) into <paramref name="directory"/>.</summary>
    public static OnnxExportReport Run(TrainedGan gan, string directory, int opset)
    {
        var report = GanOnnxExport.Export(gan.Generator, directory, gan.Run.Id, opset);
        Terminal.Summary($"ONNX export of {gan.Run.Id}", [.. ModelCards.Describe("generator", report)]);
        ModelCards.Write(directory, GanCard(gan, report));
        return report;
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
        card.Append(ModelCards.FileTable(report));
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
