using System.CommandLine;
using Pipeline.Cli.Families.Capabilities;
using Pipeline.Cli.Options;
using Pipeline.Training.VqVae2;

namespace Pipeline.Cli.Families.VqVae2;

/// <summary>
/// <c>evaluate</c> on a VQ-VAE-2 run: test reconstruction MSE and PSNR, codebook usage and perplexity per level; with
/// trained priors also their test bits per code and class-conditional samples judged by the project's classifier.
/// </summary>
internal sealed class VqVae2Evaluate : IEvaluate
{
    public string Measures => "test reconstruction MSE and PSNR, codebook usage and perplexity per level; with priors, bits per code and class-conditional samples judged by the classifier";

    private readonly Option<string?> _classifier = new("--classifier") { Description = "GAN, VQ-VAE-2: folder of the judging classifier, trained there once if absent (default: classifier/ beside the run)" };
    private readonly Option<int> _samples = new Option<int>("--prior-samples") { Description = "VQ-VAE-2 with priors: class-conditional samples to judge with the classifier (0: none)", DefaultValueFactory = _ => 100 }.AtLeast(0);

    private readonly CategoricalSamplingOptions _sampling = new();

    public IReadOnlyList<Option> Options => [_classifier, _samples, .. _sampling.All];

    public void Evaluate(VerbContext context)
    {
        using var model = VqVae2Family.Load(context);
        var autoencoder = VqVae2Jobs.Evaluate(model, context.Device);
        if (VqVae2Priors.Exist(context.Path))
        {
            using var priors = VqVae2Priors.Load(model, context.Device);
            VqVae2PriorJobs.Evaluate(model, priors, autoencoder, context.Device, context.Value(_classifier), context.Value(_samples), _sampling.Read(context), context.Seed);
        }
    }
}
