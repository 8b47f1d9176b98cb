using System.CommandLine;
using Pipeline.Application;
using Pipeline.Application.Vae;
using Pipeline.Cli.Console;
using Pipeline.Cli.Families.Capabilities;
using Pipeline.Cli.Options;
using Pipeline.Training.Vae;

namespace Pipeline.Cli.Families.Vae;

/// <summary><c>evaluate</c> on a VAE run: test negative ELBO and the importance-weighted −log p(x) (Burda et al. 2016).</summary>
internal sealed class VaeEvaluate : IEvaluate
{
    public string Measures => "test -ELBO and importance-weighted -log p(x)";

    private readonly Option<int> _samples = new Option<int>("--k") { Description = "VAE: importance samples per image", DefaultValueFactory = _ => 100 }.AtLeast(1);
    private readonly Option<int> _images = new Option<int>("--images") { Description = "VAE: test images for the importance-weighted estimate", DefaultValueFactory = _ => 1000 }.AtLeast(1);

    public IReadOnlyList<Option> Options => [_samples, _images];

    public void Evaluate(VerbContext context)
    {
        using var vae = VaeFamily.Load(context);
        Show(vae, VaeOperations.Evaluate(vae, context.Device, context.Value(_samples), context.Value(_images), context.Seed));
    }

    /// <summary>Prints an evaluation of <paramref name="vae"/>.</summary>
    public static void Show(TrainedVae vae, EvaluationReport<VaeEvaluation> report)
    {
        var result = report.Evaluation;
        Terminal.Summary($"VAE evaluation ({vae.Run.Id}, step {vae.Step})",
        [
            ($"test -ELBO ({result.TestImages} images)", $"{result.TestNegElbo:F2} nats"),
            ("  reconstruction", $"{result.TestReconstruction:F2} nats"),
            ("  KL(q(z|x) || p(z))", $"{result.TestKl:F2} nats"),
            ($"-log p(x), IWAE k={result.IwaeSamples} ({result.IwaeImages} images)", $"{result.IwaeNll:F2} nats"),
        ]);
        Terminal.Wrote("evaluation", report.Path);
    }
}
