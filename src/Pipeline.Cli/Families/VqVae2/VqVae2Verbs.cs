using Pipeline.Application.Settings;
using Pipeline.Application.VqVae2;
using Pipeline.Training.VqVae2;

namespace Pipeline.Cli.Families.VqVae2;

/// <summary>
/// <c>evaluate</c> on a VQ-VAE-2 run: test reconstruction MSE and PSNR, codebook usage and perplexity per level; with
/// trained priors also their test bits per code and class-conditional samples judged by the project's classifier.
/// </summary>
internal sealed class VqVae2Evaluate : IEvaluate
{
    public string Measures => "test reconstruction MSE and PSNR, codebook usage and perplexity per level; with priors, bits per code and class-conditional samples judged by the classifier";

    public IReadOnlyList<Option> Options { get; } = [.. ((Setting[])[VqVae2Settings.Classifier, VqVae2Settings.PriorSamples, .. SampleSettings.Sampling]).ToOptions()];

    public void Evaluate(VerbContext context)
    {
        var sampling = CliError.Check(() => SampleSettings.ReadSampling(context));   // checked before the model loads
        using var model = VqVae2Family.Load(context);
        var report = VqVae2Operations.Evaluate(model, context.Device, context.Get(VqVae2Settings.Classifier), context.Get(VqVae2Settings.PriorSamples), sampling, context.Seed, Terminal.Notes);
        Terminal.Summary($"VQ-VAE-2 evaluation ({model.Run.Id}, step {model.Step})", VqVae2Figures.Autoencoder(report.Evaluation, model.Config.Model.CodebookSize));
        if (report.Evaluation.Priors is { } priors)
        {
            Terminal.Summary($"VQ-VAE-2 priors ({model.Run.Id})", VqVae2Figures.Priors(priors, model.Data.Train.ClassNames));
        }

        Terminal.Wrote("evaluation", report.Path);
    }
}

/// <summary><c>extract-codes</c> on a VQ-VAE-2 run: top and bottom code grids of every training and test image, with labels, as IDX files.</summary>
internal sealed class VqVae2ExtractCodes : IExtractCodes
{
    public void ExtractCodes(VerbContext context, string folder)
    {
        using var model = VqVae2Family.Load(context);
        CodeExtractionReport report = null!;
        CountProgressBar.Run($"extracting codes (step {model.Step})", model.Data.Train.Count + model.Data.Test.Count, "images",
            encoded => report = VqVae2Codes.Extract(model, context.Device, folder, new Reported<int>(encoded)));
        foreach (var (split, count, files) in report.Splits)
        {
            Terminal.Wrote($"{split} codes ({count} images)", $"{files.Top}, {files.Bottom}, {files.Labels}");
        }
    }
}
