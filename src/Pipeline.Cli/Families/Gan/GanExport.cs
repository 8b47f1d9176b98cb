using System.Globalization;
using Pipeline.Cli.Console;
using Pipeline.Cli.Families.Capabilities;
using Pipeline.Export;
using Pipeline.Export.Families;
using Pipeline.Training.Gans;
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
        var report = GanOnnxExport.Export(gan.Generator, directory, gan.Run.Id, opset, gan.Config.Data.ClassNames());
        Terminal.Summary($"ONNX export of {gan.Run.Id}", [.. ModelCards.Describe("generator", report)]);
        var t = gan.Config.Training;
        var card = GanModelCard.Create(gan.Config.Model, report, gan.Run.Id, t.EmaDecay, t.ClassLossWeight)
            .Heading("Training")
            .Bullets(Training(gan));
        ModelCards.Write(directory, card);
        return report;
    }

    // The run's history: data, objective and optimisation, and the evaluation when there is one.
    private static IEnumerable<string> Training(TrainedGan gan)
    {
        var t = gan.Config.Training;
        var evaluation = gan.Run.ReadEvaluation<GanEvaluation>();
        string F(double value) => value.ToString("F3", CultureInfo.InvariantCulture);
        string N(double value) => value.ToString(CultureInfo.InvariantCulture);

        yield return $"data: {gan.Config.Data.Kind} from `{gan.Config.Data.Path}`";
        yield return $"{t.Objective} loss, {gan.Step} generator steps of batch {t.BatchSize}, {t.DiscriminatorSteps} discriminator step(s) per generator step, Adam(β = {N(t.Beta1)}, {N(t.Beta2)}), learning rates G {N(t.GeneratorLearningRate)} / D {N(t.DiscriminatorLearningRate)}, seed {t.Seed}";
        if (evaluation is not null)
        {
            yield return $"evaluation at step {evaluation.Step} on {evaluation.Images} images: "
                + (evaluation.ClassAccuracy is { } accuracy ? $"the project's classifier recognises the requested class in {F(accuracy)} of generated images (real test images: {F(evaluation.RealAccuracy)}); " : "")
                + $"Fréchet distance in its feature space {F(evaluation.FrechetDistance)} (real train vs test: {F(evaluation.RealFrechetDistance)})";
        }
    }
}
