using System.CommandLine;
using System.Globalization;
using Pipeline.Cli.Console;
using Pipeline.Cli.Jobs;
using Pipeline.Training.Vae;

namespace Pipeline.Cli.Commands;

/// <summary><c>edit RUN --shift 3=+2</c>: latent editing of test images.</summary>
internal static class EditCommand
{
    public static Command Create()
    {
        var command = new Command("edit", "Encode test images, shift chosen latent dimensions, decode: originals, reconstructions and edits in three rows.");
        var run = RunArgument.Create();
        var runtime = new RuntimeOptions();
        var shifts = new Option<string[]>("--shift") { Description = "DIM=AMOUNT, e.g. --shift 0=+2 --shift 3=-1.5", Required = true, AllowMultipleArgumentsPerToken = true };
        var count = new Option<int>("--images") { Description = "test images to edit", DefaultValueFactory = _ => 10 };
        var output = RunArgument.OutputFile();
        command.Arguments.Add(run);
        runtime.AddTo(command);
        command.Options.Add(shifts);
        command.Options.Add(count);
        command.Options.Add(output);
        command.SetAction(r => Terminal.Guard(() =>
        {
            var edits = r.GetValue(shifts)!.Select(ParseShift).ToArray();
            var device = runtime.Apply(r);
            using var vae = TrainedVae.Load(r.GetValue(run)!, device);
            var latent = vae.Config.Model.LatentSize;
            if (edits.FirstOrDefault(e => e.Dimension >= latent) is { Dimension: >= 1 } bad && bad.Dimension >= latent)
            {
                throw new CliError($"--shift {bad.Dimension}=...: the latent has dimensions 0..{latent - 1}.");
            }

            VaeJobs.Edit(vae, device, r.GetValue(count), edits, r.GetValue(output));
            return 0;
        }));
        return command;
    }

    internal static (int Dimension, double Amount) ParseShift(string text)
    {
        var parts = text.Split('=', 2);
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var dimension) && dimension >= 0
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
        {
            return (dimension, amount);
        }

        throw new CliError($"--shift '{text}' is not DIM=AMOUNT (e.g. 3=+1.5).");
    }
}
