using System.Diagnostics;
using Pipeline.Export.Families;
using Pipeline.MLNet;
using Pipeline.MLNet.Sampling;
using Pipeline.Models.PixelCnn;
using Pipeline.Onnx.Sampling;
using Pipeline.Training.PixelCnn;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks;

/// <summary>
/// <c>--sampler ort|torch|both BATCH [SIZE [THREADS]] [--model tiny|pixelcnn-small|top-prior|bottom-prior] [--whole-grid] [--onnx FILE]</c>:
/// images/s of ancestral sampling from one random-initialised (seed 1) class-conditional PixelCNN: by default SIZE×SIZE
/// pixels with p = 16, 4 layers, 256 levels (<c>tiny</c>); <c>pixelcnn-small</c> is <see cref="PixelCnnOptions.Fashion28Small"/>,
/// <c>top-prior</c> and <c>bottom-prior</c> have the shapes of <c>onnx/vqvae2-fashion28</c>'s priors (7×7 and 14×14 given
/// 7×7, 512 codes; SIZE is ignored). TorchSharp's <see cref="PixelCnnSampler"/> (receptive-field band) and/or the ONNX
/// Runtime sampler on its export (the receptive-field band per Run, or with <c>--whole-grid</c> the whole grid per Run,
/// as exports without the receptive field run), one batch of BATCH images, THREADS (2) threads each, with ONNX
/// Runtime's time split into Run and draw. <c>--onnx FILE</c> times an existing export instead (ONNX Runtime only, random
/// condition codes). Wall time and the process's CPU time are both printed: on a shared machine the CPU time is the
/// steadier number. Plain stopwatch timing over a whole batch: a sample takes seconds, too long for BenchmarkDotNet's
/// jobs. With "both", the two grids are compared.
/// </summary>
public static class SamplerTiming
{
    public const string Switch = "--sampler";

    public static void Run(string[] args)
    {
        var named = Named(args, out var rest);
        var engine = rest.ElementAtOrDefault(0) ?? "both";
        var batch = rest.Length > 1 ? int.Parse(rest[1]) : 1;
        var size = rest.Length > 2 ? int.Parse(rest[2]) : 28;
        var threads = rest.Length > 3 ? int.Parse(rest[3]) : 2;
        var wholeGrid = named.ContainsKey("--whole-grid");
        set_num_threads(threads);
        var seeds = Enumerable.Range(0, batch).Select(i => (long)i).ToArray();
        var labels = seeds.Select(s => s % 10).ToArray();
        var sampling = new CategoricalSampling();
        if (named.TryGetValue("--onnx", out var file))
        {
            TimeOnnx(file!, seeds, labels, sampling, threads, wholeGrid);
            return;
        }

        var options = Options(named.GetValueOrDefault("--model") ?? "tiny", size);
        manual_seed(1);
        using var net = new PixelCnn(options);
        var condition = RandomCondition(options, batch);
        Console.WriteLine($"PixelCNN {options.Height}x{options.Width}, {options.Levels} levels, p = {options.Channels}, {options.Layers} layers, head {options.OutputChannels}, receptive field {net.ReceptiveFieldRows} rows; batch {batch}; {threads} thread(s) each");
        long[]? torchGrid = null, onnxGrid = null;
        if (engine is "torch" or "both")
        {
            var (wall, cpu) = Time(() =>
            {
                using var scope = NewDisposeScope();
                using var noGrad = no_grad();
                var conditionTensor = condition.Length == 0 ? null : tensor(condition, [batch, options.ConditionHeight, options.ConditionWidth]);
                torchGrid = PixelCnnSampler.Sample(net, seeds, tensor(labels), conditionTensor, sampling, CPU).reshape(-1).data<long>().ToArray();
            });
            Console.WriteLine($"TorchSharp:   {batch / wall.TotalSeconds,8:F3} images/s wall ({wall.TotalSeconds:F1} s), {batch / cpu.TotalSeconds,8:F3} images per CPU-second ({cpu.TotalSeconds:F1} s CPU)");
        }

        if (engine is "ort" or "both")
        {
            var folder = Path.Combine(Path.GetTempPath(), $"sampler-timing-{Environment.ProcessId}");
            try
            {
                var path = PixelCnnOnnxExport.Export(net, folder, "timing").Path;
                onnxGrid = TimeOnnx(path, seeds, labels, sampling, threads, wholeGrid, condition);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        if (torchGrid is not null && onnxGrid is not null)
        {
            Console.WriteLine($"same grids: {torchGrid.SequenceEqual(onnxGrid)}");
        }
    }

    private static PixelCnnOptions Options(string model, int size) => model switch
    {
        "tiny" => new PixelCnnOptions(Height: size, Width: size, Channels: 16, Layers: 4, OutputChannels: 32),
        "pixelcnn-small" => PixelCnnOptions.Fashion28Small with { Height = size, Width = size },
        "top-prior" => PixelCnnOptions.CodePrior(512, 7, 7, 10),
        "bottom-prior" => PixelCnnOptions.ConditionedCodePrior(512, 14, 14, 512, 7, 7, 10) with { Channels = 32, Layers = 6 },
        _ => throw new ArgumentException($"--model is tiny, pixelcnn-small, top-prior or bottom-prior, got '{model}'."),
    };

    private static long[] RandomCondition(PixelCnnOptions options, int batch)
    {
        var random = new Random(2);
        return Enumerable.Range(0, options.IsSpatiallyConditioned ? batch * options.ConditionHeight * options.ConditionWidth : 0)
            .Select(_ => (long)random.Next(options.ConditionLevels)).ToArray();
    }

    private static long[] TimeOnnx(string path, long[] seeds, long[] labels, CategoricalSampling sampling, int threads, bool wholeGrid, long[]? condition = null)
    {
        var runtime = OnnxRuntimeOptions.Default with { BatchSize = seeds.Length, IntraOpThreads = threads };
        using var sampler = AutoregressiveOnnxSampler.Load(path, runtime, wholeGrid ? int.MaxValue : null);
        if (condition is null && sampler.ConditionShape is { } c)
        {
            var random = new Random(2);
            condition = Enumerable.Range(0, seeds.Length * c.Height * c.Width).Select(_ => (long)random.Next(c.Levels)).ToArray();
        }

        var classLabels = sampler.ClassCount is null ? null : labels.Select(l => l % sampler.ClassCount.Value).ToArray();
        var profile = new SamplerProfile();
        long[] grid = [];
        var (wall, cpu) = Time(() => grid = sampler.Sample(seeds, classLabels, condition ?? [], sampling, profile));
        var batch = seeds.Length;
        Console.WriteLine(
            $"ONNX Runtime ({Path.GetFileName(path)}, {(sampler.RowsAbove is { } rows ? $"band of {rows} rows above" : "whole grid")} per Run): " +
            $"{batch / wall.TotalSeconds,8:F3} images/s wall ({wall.TotalSeconds:F1} s), {batch / cpu.TotalSeconds,8:F3} images per CPU-second ({cpu.TotalSeconds:F1} s CPU); " +
            $"Run {profile.Run.TotalSeconds:F1} s over {profile.Runs} runs ({profile.Run.TotalMilliseconds / profile.Runs:F2} ms each), logits read + draw {profile.Draw.TotalSeconds:F2} s");
        return grid;
    }

    // "--whole-grid" (a flag) and "--model NAME", "--onnx FILE" (with values); the rest are positional.
    private static Dictionary<string, string?> Named(string[] args, out string[] rest)
    {
        var named = new Dictionary<string, string?>(StringComparer.Ordinal);
        var positional = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case Switch:
                    break;
                case "--whole-grid":
                    named[args[i]] = null;
                    break;
                case "--model" or "--onnx":
                    named[args[i]] = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                    break;
                default:
                    positional.Add(args[i]);
                    break;
            }
        }

        rest = [.. positional];
        return named;
    }

    private static (TimeSpan Wall, TimeSpan Cpu) Time(Action action)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        action();
        clock.Stop();
        process.Refresh();
        return (clock.Elapsed, process.TotalProcessorTime - cpu);
    }
}
