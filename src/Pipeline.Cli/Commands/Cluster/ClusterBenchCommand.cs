using System.CommandLine;
using Pipeline.Cli.Console;
using Pipeline.Cli.Options;
using Pipeline.Data;

namespace Pipeline.Cli.Commands.Cluster;

/// <summary><c>cluster bench</c>: images/s of the ML.NET path, 1..k in-process silos and shard sizes, side by side, as a Markdown report.</summary>
internal static class ClusterBenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Measure images/s of one, two, three silos against the single-process ML.NET path on the same model, and the cost of one shard; writes a Markdown report.");
        var models = new Option<string[]>("--model")
        {
            Description = "exported generator or decoder .onnx files (default: the committed cGAN generator and VAE decoder)",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [Path.Combine("onnx", "cgan-fashion28", "generator.onnx"), Path.Combine("onnx", "vae-lecture", "decoder.onnx")],
        };
        var images = new Option<int>("--images") { Description = "images per timed run", DefaultValueFactory = _ => 4096 }.AtLeast(16);
        var rounds = new Option<int>("--rounds") { Description = "rounds; each runs every path once, in a rotated order", DefaultValueFactory = _ => 3 }.AtLeast(1);
        var silos = new Option<int[]>("--silos") { Description = "cluster sizes to time", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [1, 2, 3] }.EachWithin(1, 16);
        var shardSizes = new Option<int[]>("--shard-sizes") { Description = "shard sizes of the overhead series (one silo, batch = the smallest size)", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [4, 16, 64, 256, 1024] }.EachWithin(1, 1 << 20);
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads per session (0: one per core)", DefaultValueFactory = _ => 0 }.AtLeast(0);
        var output = new Option<string>("--out") { Description = "work folder; the report is written to REPORT.md inside", DefaultValueFactory = _ => Path.Combine("runs", "cluster-bench") };
        foreach (Option option in new Option[] { models, images, rounds, silos, shardSizes, threads, output })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            foreach (var model in result.GetValue(models) ?? [])
            {
                if (!File.Exists(model))
                {
                    result.AddError($"--model {model}: no such file.");
                }
            }

            if (result.GetResult(shardSizes) is { Implicit: false } && result.GetValue(shardSizes) is { Length: < 2 })
            {
                result.AddError("--shard-sizes needs at least two sizes to fit the cost of a shard.");
            }
        });
        command.SetAction(r => Terminal.Guard(() =>
        {
            var settings = new BenchSettings(r.GetValue(models)!, r.GetValue(images), r.GetValue(rounds), r.GetValue(silos)!, r.GetValue(shardSizes)!, r.GetValue(threads), Path.GetFullPath(r.GetValue(output)!));
            var report = new ClusterBench(settings).RunAsync(CancellationToken.None).GetAwaiter().GetResult();
            var path = Path.Combine(settings.Output, "REPORT.md");
            AtomicFile.Write(path, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(report)));
            System.Console.WriteLine(report);
            Terminal.Wrote("cluster bench report", path);
            return 0;
        }));
        return command;
    }
}
