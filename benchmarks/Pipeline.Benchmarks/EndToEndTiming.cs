using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Pipeline.Data.Hardware;
using Pipeline.Training.Gans;
using Pipeline.Training.Loop;
using Pipeline.Training.Runs;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks;

/// <summary>
/// <c>--end-to-end CLI_DLL [--family cgan,vae,...] [--steps N] [--repeats R] [--out FILE]</c>: each family's default
/// <c>pipeline train</c> command against its step benchmark, interleaved so that both see the same machine load: the
/// step benchmark's own code in this process (its setup, one untimed step, then N timed steps, as BenchmarkDotNet
/// measures it), then the command as a user runs it (a child process, N steps, wall time from start to exit), R times
/// over. Both count the images the command's timing.json says a step consumed. Prints one markdown row per family
/// (medians; the load average beside them) and the command's last per-phase time table, which shows where the gap
/// goes. On a shared machine only the ratio means anything.
/// </summary>
public static class EndToEndTiming
{
    public const string Switch = "--end-to-end";

    // The default command of each family (the options needed to run it at all, nothing else), and its step benchmark.
    private static readonly IReadOnlyList<Family> Families =
    [
        new("cgan", "train cgan --class-loss 1", GanStep),
        new("vae", "train vae", () => Steps(new VaeTrainingBenchmarks())),
        new("pixelcnn", "train pixelcnn", () => Steps(new PixelCnnTrainingBenchmarks())),
        new("vqvae2", "train vqvae2", () => Steps(new VqVae2TrainingBenchmarks())),
        new("cyclegan", "train cyclegan", () => Steps(new CycleGanTrainingBenchmarks())),
        new("pix2pix", "train pix2pix", () => Steps(new Pix2PixTrainingBenchmarks())),
        new("superres", "train superres", null),
        new("stylegan", "train stylegan", StyleGanStep),
        new("progan", "train progan", null),
    ];

    public static int Run(string[] args)
    {
        var cli = args.SkipWhile(a => a != Switch).Skip(1).FirstOrDefault()
            ?? throw new ArgumentException($"{Switch} needs the path of the CLI's pipeline.dll.");
        var named = args.Zip(args.Skip(1)).Where(p => p.First.StartsWith("--", StringComparison.Ordinal)).ToDictionary(p => p.First, p => p.Second);
        var steps = named.TryGetValue("--steps", out var s) ? int.Parse(s, CultureInfo.InvariantCulture) : 100;
        var repeats = named.TryGetValue("--repeats", out var r) ? int.Parse(r, CultureInfo.InvariantCulture) : 3;
        var chosen = named.TryGetValue("--family", out var f) ? f.Split(',') : Families.Select(x => x.Name).ToArray();
        var threads = get_num_threads();   // what the command's default (--threads 0) leaves libtorch with
        Pipeline.Training.Devices.NativeHeap.RetainFreedMemory();
        var rows = new List<string>
        {
            $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {CpuInstructionSets.Host.Summary}, {Environment.ProcessorCount} logical cores, libtorch {threads} threads; {steps} steps, {repeats} interleaved repetitions, medians.",
            string.Empty,
            "| family | command | step benchmark images/s | command images/s (wall, process start to exit) | command / step | command's steps images/s | load average (1 min) |",
            "|---|---|---|---|---|---|---|",
        };
        foreach (var family in Families.Where(x => chosen.Contains(x.Name)))
        {
            rows.Add(Measure(family, cli, steps, repeats));
            Console.WriteLine(rows[^1]);
        }

        var text = string.Join(Environment.NewLine, rows);
        Console.WriteLine(text);
        if (named.TryGetValue("--out", out var file))
        {
            File.WriteAllText(file, text + Environment.NewLine);
        }

        return 0;
    }

    private static string Measure(Family family, string cli, int steps, int repeats)
    {
        var (bench, command, ownSteps, loads) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        TrainingTimes? last = null;
        for (var i = 0; i < repeats; i++)
        {
            loads.Add(LoadAverage());
            var (times, wall) = RunCommand(cli, family.Command, steps);
            var imagesPerStep = (double)times.Images / times.Steps;
            command.Add(times.Images / wall);
            ownSteps.Add(times.StepImagesPerSecond);
            last = times;
            if (family.StepBenchmark is { } create)
            {
                loads.Add(LoadAverage());
                var runner = create();
                try
                {
                    runner.Step();                                    // BenchmarkDotNet's warm-up, untimed
                    var clock = Stopwatch.StartNew();
                    var done = 0;
                    while (done < steps)
                    {
                        done += runner.Step();
                    }

                    bench.Add(done * imagesPerStep / clock.Elapsed.TotalSeconds);
                }
                finally
                {
                    runner.Release();
                }
            }

            Console.WriteLine($"// {family.Name} #{i + 1}: command {command[^1]:F1} images/s, its steps {ownSteps[^1]:F1}, step benchmark {(bench.Count > i ? bench[^1].ToString("F1", CultureInfo.InvariantCulture) : "-")}, load {loads[^1]:F2}");
        }

        foreach (var (name, value) in last!.Rows())
        {
            Console.WriteLine($"//   {name,-42} {value}");
        }

        var benchMedian = bench.Count > 0 ? Median(bench) : double.NaN;
        return $"| {family.Name} | `pipeline {family.Command} --steps {steps}` | {(bench.Count > 0 ? F(benchMedian) : "no step benchmark")} | {F(Median(command))} | "
            + $"{(bench.Count > 0 ? $"{Median(command) / benchMedian:F2}x" : "-")} | {F(Median(ownSteps))} | {loads.Min():F1}–{loads.Max():F1} |";
    }

    // The command in a child process, as a user runs it; its run folder is removed afterwards.
    private static (TrainingTimes Times, double WallSeconds) RunCommand(string cli, string command, int steps)
    {
        var folder = Directory.CreateTempSubdirectory("end-to-end-").FullName;
        try
        {
            var run = Path.Combine(folder, "run");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { cli }.Concat(command.Split(' ')).Concat(["--steps", steps.ToString(CultureInfo.InvariantCulture), "--out", run]))
            {
                start.ArgumentList.Add(arg);
            }

            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            var wall = clock.Elapsed.TotalSeconds;
            var timing = Path.Combine(run, TrainingTimes.FileName);
            if (process.ExitCode != 0 || !File.Exists(timing))
            {
                throw new InvalidOperationException($"`pipeline {command}` exited with {process.ExitCode}: {errors}{output.Result}");
            }

            return (JsonSerializer.Deserialize<TrainingTimes>(File.ReadAllText(timing), RunFolder.Json)!, wall);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // The GAN benchmark's row for the precision the command resolves to on this CPU.
    private static StepRunner GanStep()
    {
        var bench = new GanTrainingBenchmarks { Batch = new GanTrainingOptions().BatchSize, Threads = get_num_threads() };
        if (GanPrecision.Auto.Resolve(CpuInstructionSets.Host) == GanPrecision.Bf16)
        {
            bench.SetupBf16();
            return new StepRunner(() => { bench.Bf16(); return 1; }, bench.Cleanup);
        }

        bench.SetupAfter();
        return new StepRunner(() => { bench.After(); return 1; }, bench.Cleanup);
    }

    // The amortised row: the command's defaults include lazy R1 and path-length regularisation. One call is a whole lazy cycle.
    private static StepRunner StyleGanStep()
    {
        var bench = new StyleGanTrainingBenchmarks { Batch = StyleGanTrainingBenchmarks.BatchSizes.First(), Threads = get_num_threads() };
        bench.SetupAmortised();
        return new StepRunner(() => { bench.Amortised(); return StyleGanTrainingBenchmarks.LazyCycle; }, bench.Cleanup);
    }

    private static StepRunner Steps(TrainingStepBenchmarks bench)
    {
        bench.Batch = bench.BatchSizes.First();
        bench.Threads = get_num_threads();
        bench.Setup();
        return new StepRunner(() => { bench.TrainStep(); return 1; }, bench.Cleanup);
    }

    private static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    private sealed record Family(string Name, string Command, Func<StepRunner>? StepBenchmark);

    // Step runs one benchmark operation and returns the training steps it took.
    private sealed record StepRunner(Func<int> Step, Action Release);
}
