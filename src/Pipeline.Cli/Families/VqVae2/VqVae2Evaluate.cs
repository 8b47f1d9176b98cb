using Pipeline.Cli.Families.Capabilities;

namespace Pipeline.Cli.Families.VqVae2;

/// <summary><c>evaluate</c> on a VQ-VAE-2 run: test reconstruction MSE and PSNR, codebook usage and perplexity per level.</summary>
internal sealed class VqVae2Evaluate : IEvaluate
{
    public string Measures => "test reconstruction MSE and PSNR, codebook usage and perplexity per level";

    public void Evaluate(VerbContext context)
    {
        using var model = VqVae2Family.Load(context);
        VqVae2Jobs.Evaluate(model, context.Device);
    }
}
