using System.CommandLine;
using Pipeline.Cli.Families.Capabilities;
using Pipeline.Cli.Options;

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
        VaeJobs.Evaluate(vae, context.Device, context.Value(_samples), context.Value(_images), context.Seed);
    }
}
