using System.CommandLine;
using System.Globalization;
using Pipeline.Application.Vae;
using Pipeline.Cli.Console;
using Pipeline.Cli.Families.Capabilities;
using Pipeline.Cli.Options;

namespace Pipeline.Cli.Families.Vae;

/// <summary><c>edit --shift 3=+2</c>: latent editing of test images.</summary>
internal sealed class VaeEdit : IEdit
{
    private readonly Option<string[]> _shifts = new Option<string[]>("--shift") { Description = "VAE: DIM=AMOUNT, e.g. --shift 0=+2 --shift 3=-1.5", Required = true, AllowMultipleArgumentsPerToken = true }.EachParses(ParseShift);
    private readonly Option<int> _images = new Option<int>("--images") { Description = "test images to edit", DefaultValueFactory = _ => 10 }.AtLeast(1);

    public IReadOnlyList<Option> Options => [_shifts, _images];

    public void Edit(VerbContext context)
    {
        var edits = context.Value(_shifts).Select(ParseShift).ToArray();
        using var vae = VaeFamily.Load(context);
        var latent = vae.Config.Model.LatentSize;
        if (edits.Where(e => e.Dimension >= latent).Select(e => (int?)e.Dimension).FirstOrDefault() is { } bad)
        {
            throw new CliError($"--shift {bad}=...: the latent has dimensions 0..{latent - 1}.");
        }

        Terminal.Wrote(VaeOperations.Edit(vae, context.Device, context.Value(_images), edits, context.Output));
    }

    /// <summary>DIM=AMOUNT, e.g. 3=+1.5.</summary>
    internal static (int Dimension, double Amount) ParseShift(string text)
    {
        var parts = text.Split('=', 2);
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var dimension) && dimension >= 0
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
        {
            return (dimension, amount);
        }

        throw new FormatException($"--shift '{text}' is not DIM=AMOUNT (e.g. 3=+1.5).");
    }
}
