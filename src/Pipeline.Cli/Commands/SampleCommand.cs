using System.CommandLine;
using Pipeline.Cli.Console;
using Pipeline.Cli.Jobs;
using Pipeline.Training.Gans;
using Pipeline.Training.Runs;
using Pipeline.Training.Vae;

namespace Pipeline.Cli.Commands;

/// <summary><c>sample RUN</c>: decodes draws from a VAE's prior, or generates with a GAN (the run's kind decides).</summary>
internal static class SampleCommand
{
    public static Command Create()
    {
        var command = new Command("sample", "VAE: decode random latents z ~ N(0, τ²I) into a PNG grid. GAN: generate images (PNG grid and/or IDX files with their labels).");
        var run = RunArgument.Create();
        var runtime = new RuntimeOptions();
        var count = new Option<int>("--count") { Description = "images to generate", DefaultValueFactory = _ => 64 };
        var temperature = new Option<double>("--temperature") { Description = "τ, the prior's scale: below 1 gives cleaner, less varied images", DefaultValueFactory = _ => 1.0 };
        var labels = new Option<int[]>("--labels") { Description = "GAN (run or exported generator): class labels to generate, cycled (default: every class in turn, one grid row per class)", AllowMultipleArgumentsPerToken = true };
        var truncation = new Option<double?>("--truncation") { Description = "GAN: resample latent entries beyond this threshold (truncation trick)" };
        var format = new Option<string>("--format") { Description = "GAN: png, idx or both", DefaultValueFactory = _ => "png" };
        var output = RunArgument.OutputFile();
        command.Arguments.Add(run);
        runtime.AddTo(command);
        command.Options.Add(count);
        command.Options.Add(temperature);
        command.Options.Add(labels);
        command.Options.Add(truncation);
        command.Options.Add(format);
        command.Options.Add(output);
        command.SetAction(r => Terminal.Guard(() =>
        {
            var n = r.GetValue(count);
            var t = r.GetValue(temperature);
            if (n < 1 || !(t > 0))
            {
                throw new CliError($"--count must be at least 1 and --temperature positive (got {n} and {t}).");
            }

            if (MlNetJobs.IsOnnxModel(r.GetValue(run)!))
            {
                MlNetJobs.Sample(r.GetValue(run)!, n, t, r.GetValue(runtime.Seed), r.GetValue(labels), r.GetValue(output));
                return 0;
            }

            if (RunKinds.Of(r.GetValue(run)!) == GanRunConfig.RunKind)
            {
                var f = r.GetValue(format)!.ToLowerInvariant();
                if (f is not ("png" or "idx" or "both"))
                {
                    throw new CliError($"--format must be png, idx or both, got '{f}'.");
                }

                var ganDevice = runtime.Apply(r);
                using var gan = GanJobs.Load(r.GetValue(run)!, ganDevice);
                GanJobs.Sample(gan, ganDevice, n, r.GetValue(labels), r.GetValue(truncation), r.GetValue(runtime.Seed), f != "idx", f != "png", r.GetValue(output));
                return 0;
            }

            var device = runtime.Apply(r);
            using var vae = TrainedVae.Load(r.GetValue(run)!, device);
            VaeJobs.Sample(vae, device, n, t, r.GetValue(runtime.Seed), r.GetValue(output));
            return 0;
        }));
        return command;
    }
}
