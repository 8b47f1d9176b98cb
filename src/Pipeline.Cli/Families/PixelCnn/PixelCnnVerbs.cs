using Pipeline.Application.PixelCnn;
using Pipeline.Application.Settings;
using Pipeline.Training.PixelCnn;

namespace Pipeline.Cli.Families.PixelCnn;

/// <summary><c>evaluate</c> on a PixelCNN run: the exact test negative log-likelihood in bits per dimension; optionally samples judged by the classifier.</summary>
internal sealed class PixelCnnEvaluate : IEvaluate
{
    public string Measures => "exact test negative log-likelihood in bits per dimension; with --judge-samples, samples judged by the classifier";

    public IReadOnlyList<Option> Options { get; } = [.. ((Setting[])[PixelCnnSettings.WholeTestSet, PixelCnnSettings.JudgeSamples, VqVae2Settings.Classifier, .. SampleSettings.Sampling]).ToOptions()];

    public void Evaluate(VerbContext context)
    {
        var sampling = CliError.Check(() => SampleSettings.ReadSampling(context));   // checked before the model loads
        using var model = PixelCnnFamily.Load(context);
        CliError.Check(() => SampleSettings.RefuseGuidance(sampling, model.Model.Options.UnconditionalLabel, context.Path));
        var report = PixelCnnOperations.Evaluate(model, context.Device, context.Get(PixelCnnSettings.WholeTestSet), context.Get(PixelCnnSettings.JudgeSamples), sampling,
            context.Get(VqVae2Settings.Classifier), context.Seed, Terminal.Notes);
        Terminal.Summary($"PixelCNN evaluation ({model.Run.Id}, step {model.Step}, {report.Evaluation.Images} test images)", report.Evaluation.Rows(model.Config.Data.ClassNames() ?? []));
        Terminal.Wrote("evaluation", report.Path);
    }
}
