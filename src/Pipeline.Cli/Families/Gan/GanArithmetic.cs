using System.CommandLine;
using System.Globalization;
using Pipeline.Application.Gans;
using Pipeline.Cli.Console;
using Pipeline.Cli.Families.Capabilities;
using Pipeline.Cli.Options;

namespace Pipeline.Cli.Families.Gan;

/// <summary><c>arithmetic --triple A,B,C</c>: class-mean latent arithmetic (Radford et al. 2016, section 6.3).</summary>
internal sealed class GanArithmetic : IArithmetic
{
    private readonly Option<string[]> _triples = new Option<string[]>("--triple") { Description = "classes A,B,C, e.g. --triple 7,5,9 (sneaker - sandal + ankle boot)", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => ["7,5,9"] }.EachParses(ParseTriple);
    private readonly Option<int> _samples = new Option<int>("--samples") { Description = "latents drawn to estimate the class means", DefaultValueFactory = _ => 2000 }.AtLeast(10);
    private readonly Option<string?> _classifier = GanFamily.ClassifierOption();

    public IReadOnlyList<Option> Options => [_triples, _samples, _classifier];

    public void Arithmetic(VerbContext context)
    {
        var triples = context.Value(_triples).Select(ParseTriple).ToArray();
        using var gan = GanFamily.Load(context);
        Terminal.Wrote(GanOperations.Arithmetic(gan, context.Device, context.Value(_classifier), triples, context.Value(_samples), context.Seed, context.Output, Terminal.Notes));
    }

    /// <summary>A,B,C: three class labels.</summary>
    internal static (int A, int B, int C) ParseTriple(string text)
    {
        var parts = text.Split(',');
        var values = new int[3];
        if (parts.Length == 3 && parts.Select((p, i) => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i]) && values[i] >= 0).All(ok => ok))
        {
            return (values[0], values[1], values[2]);
        }

        throw new FormatException($"--triple '{text}' is not three class labels A,B,C (e.g. 7,5,9).");
    }
}
