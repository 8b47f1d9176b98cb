using System.CommandLine;
using Pipeline.Application.Vae;
using Pipeline.Cli.Console;
using Pipeline.Cli.Families.Capabilities;
using Pipeline.Cli.Options;

namespace Pipeline.Cli.Families.Vae;

/// <summary><c>sample</c> on a VAE run: decodes z ~ N(0, τ²I) into a PNG grid.</summary>
internal sealed class VaeSample : ISample
{
    private readonly Option<double> _temperature = new Option<double>("--temperature") { Description = "VAE: τ, the prior's scale; below 1 gives cleaner, less varied images", DefaultValueFactory = _ => 1.0 }.Positive();

    public IReadOnlyList<Option> Options => [_temperature];

    public void Sample(VerbContext context, int count)
    {
        using var vae = VaeFamily.Load(context);
        Terminal.Wrote(VaeOperations.Sample(vae, context.Device, count, context.Value(_temperature), context.Seed, context.Output));
    }
}
