using System.CommandLine;
using System.Globalization;
using Pipeline.Cli.Console;
using Pipeline.Cli.Jobs;

namespace Pipeline.Cli.Commands;

/// <summary><c>arithmetic RUN --triple A,B,C</c>: class-mean latent arithmetic of a GAN.</summary>
internal static class ArithmeticCommand
{
    public static Command Create()
    {
        var command = new Command("arithmetic", "GAN: mean latent of each class (as the classifier sees the samples) and a - b + c, one row per triple: G(a), G(b), G(c), G(a - b + c).");
        var run = RunArgument.Create();
        var runtime = new RuntimeOptions();
        var triples = new Option<string[]>("--triple") { Description = "classes A,B,C, e.g. --triple 7,5,9 (sneaker - sandal + ankle boot)", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => ["7,5,9"] };
        var samples = new Option<int>("--samples") { Description = "latents drawn to estimate the class means", DefaultValueFactory = _ => 2000 };
        var classifier = new Option<string?>("--classifier") { Description = "folder of the judging classifier (default: classifier/ beside the run)" };
        var output = RunArgument.OutputFile();
        command.Arguments.Add(run);
        runtime.AddTo(command);
        foreach (Option option in new Option[] { triples, samples, classifier, output })
        {
            command.Options.Add(option);
        }

        command.SetAction(r => Terminal.Guard(() =>
        {
            var parsed = r.GetValue(triples)!.Select(ParseTriple).ToArray();
            var n = r.GetValue(samples);
            if (n < 10)
            {
                throw new CliError($"--samples must be at least 10, got {n}.");
            }

            var device = runtime.Apply(r);
            using var gan = GanJobs.Load(r.GetValue(run)!, device);
            GanJobs.Arithmetic(gan, device, r.GetValue(classifier), parsed, n, r.GetValue(runtime.Seed), r.GetValue(output));
            return 0;
        }));
        return command;
    }

    internal static (int A, int B, int C) ParseTriple(string text)
    {
        var parts = text.Split(',');
        var values = new int[3];
        if (parts.Length == 3 && parts.Select((p, i) => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i]) && values[i] >= 0).All(ok => ok))
        {
            return (values[0], values[1], values[2]);
        }

        throw new CliError($"--triple '{text}' is not three class labels A,B,C (e.g. 7,5,9).");
    }
}
