using System.CommandLine;
using Pipeline.Cli.Console;
using Pipeline.Cli.Jobs;
using Pipeline.Training.Gans;
using Pipeline.Training.Runs;
using Pipeline.Training.Vae;

namespace Pipeline.Cli.Commands;

/// <summary><c>evaluate RUN</c>: for a VAE, test negative ELBO and importance-weighted log-likelihood; for a GAN, classifier accuracy and Fréchet distance.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var command = new Command("evaluate", "VAE: test negative ELBO and importance-weighted -log p(x) (Burda et al. 2016). GAN: classifier accuracy on requested classes and Fréchet distance in its feature space, beside real-data figures.");
        var run = RunArgument.Create();
        var runtime = new RuntimeOptions();
        var samples = new Option<int>("--k") { Description = "importance samples per image", DefaultValueFactory = _ => 100 };
        var images = new Option<int>("--images") { Description = "test images for the importance-weighted estimate", DefaultValueFactory = _ => 1000 };
        var classifier = new Option<string?>("--classifier") { Description = "GAN: folder of the judging classifier, trained there once if absent (default: classifier/ beside the run)" };
        var count = new Option<int>("--count") { Description = "GAN: images to generate and compare", DefaultValueFactory = _ => 10000 };
        var truncation = new Option<double?>("--truncation") { Description = "GAN: truncation threshold for the latents" };
        command.Arguments.Add(run);
        runtime.AddTo(command);
        command.Options.Add(samples);
        command.Options.Add(images);
        command.Options.Add(classifier);
        command.Options.Add(count);
        command.Options.Add(truncation);
        command.SetAction(r => Terminal.Guard(() =>
        {
            if (RunKinds.Of(r.GetValue(run)!) == GanRunConfig.RunKind)
            {
                var n = r.GetValue(count);
                if (n < 2)
                {
                    throw new CliError($"--count must be at least 2, got {n}.");
                }

                var ganDevice = runtime.Apply(r);
                using var gan = GanJobs.Load(r.GetValue(run)!, ganDevice);
                GanJobs.Evaluate(gan, ganDevice, r.GetValue(classifier), n, r.GetValue(truncation), r.GetValue(runtime.Seed));
                return 0;
            }

            var k = r.GetValue(samples);
            var m = r.GetValue(images);
            if (k < 1 || m < 1)
            {
                throw new CliError($"--k and --images must be at least 1 (got {k} and {m}).");
            }

            var device = runtime.Apply(r);
            using var vae = TrainedVae.Load(r.GetValue(run)!, device);
            VaeJobs.Evaluate(vae, device, k, m, r.GetValue(runtime.Seed));
            return 0;
        }));
        return command;
    }
}
