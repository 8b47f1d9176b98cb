using System.Diagnostics;
using Microsoft.ML.Data;
using Pipeline.Export.Families;
using Pipeline.MLNet;
using Pipeline.MLNet.Sampling;
using Pipeline.Models.PixelCnn;
using Pipeline.Onnx.Sampling;
using Pipeline.Training.PixelCnn;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks;

/// <summary>
/// <c>--sampler ort|torch|both BATCH [SIZE [THREADS]] [--model tiny|pixelcnn-small|top-prior|bottom-prior] [--whole-grid] [--onnx FILE [--compare]] [--sample-images EXPORT [--count N]] [--guidance S] [--warmup]</c>:
/// images/s of ancestral sampling from one random-initialised (seed 1) class-conditional PixelCNN: by default SIZE×SIZE
/// pixels with p = 16, 4 layers, 256 levels (<c>tiny</c>); <c>pixelcnn-small</c> is <see cref="PixelCnnOptions.Fashion28Small"/>,
/// <c>top-prior</c> and <c>bottom-prior</c> have the shapes of <c>onnx/vqvae2-fashion28</c>'s priors (7×7 and 14×14 given
/// 7×7, 512 codes; SIZE is ignored). TorchSharp's <see cref="PixelCnnSampler"/> (receptive-field band) and/or the ONNX
/// Runtime sampler on its export (the receptive-field band per Run, or with <c>--whole-grid</c> the whole grid per Run,
/// as exports without the receptive field run), one batch of BATCH images, THREADS (2) threads each, with ONNX
/// Runtime's time split into Run and draw. <c>--onnx FILE</c> times an existing export instead (ONNX Runtime only, random
/// condition codes). Wall time and the process's CPU time are both printed: on a shared machine the CPU time is the
/// steadier number. <c>--compare</c> also times TorchSharp's banded sampler beside its cached one, and times FILE on the receptive-field band and then on the step graphs in one process
/// and counts the grids that differ; <c>--sample-images EXPORT [--count N]</c> times ML.NET's SampleImages over an export
/// folder end to end (N rows, BATCH by default, in batches of BATCH, after one untimed batch). Plain stopwatch timing over a whole batch: a sample takes seconds, too long for BenchmarkDotNet's
/// jobs. With "both", the two grids are compared.
/// </summary>
public static class SamplerTiming
{
    public const string Switch = "--sampler";

    // --warmup: one untimed batch first, so the figure is the steady state of a long run (sessions' first Runs allocate).
    private static bool Warmup;

    public static void Run(string[] args)
    {
        var named = Named(args, out var rest);
        var engine = rest.ElementAtOrDefault(0) ?? "both";
        var batch = rest.Length > 1 ? int.Parse(rest[1]) : 1;
        var size = rest.Length > 2 ? int.Parse(rest[2]) : 28;
        var threads = rest.Length > 3 ? int.Parse(rest[3]) : 2;
        var wholeGrid = named.ContainsKey("--whole-grid");
        Warmup = named.ContainsKey("--warmup");
        set_num_threads(threads);
        var seeds = Enumerable.Range(0, batch).Select(i => (long)i).ToArray();
        var labels = seeds.Select(s => s % 10).ToArray();
        var sampling = new CategoricalSampling(Guidance: named.TryGetValue("--guidance", out var guidance) ? double.Parse(guidance!, System.Globalization.CultureInfo.InvariantCulture) : 1.0);
        if (named.TryGetValue("--sample-images", out var export))
        {
            var count = named.TryGetValue("--count", out var n) ? int.Parse(n!) : batch;
            var requests = Enumerable.Range(0, count).Select(i => (long)i).ToArray();
            TimeSampleImages(export!, requests, requests.Select(s => s % 10).ToArray(), sampling, threads, batch);
            return;
        }

        if (named.TryGetValue("--onnx", out var file))
        {
            if (!named.ContainsKey("--compare"))
            {
                TimeOnnx(file!, seeds, labels, sampling, threads, wholeGrid);
                return;
            }

            // Side by side in one process: the band of the receptive field per position, then the step graphs.
            using var probe = AutoregressiveOnnxSampler.Load(file!);
            var codes = RandomCondition(probe, seeds.Length);
            var banded = TimeOnnx(file!, seeds, labels, sampling, threads, false, codes, probe.RowsAbove);
            var cached = TimeOnnx(file!, seeds, labels, sampling, threads, false, codes);
            var cells = probe.Height * probe.Width;
            var differing = Enumerable.Range(0, seeds.Length).Count(b => !banded.AsSpan(b * cells, cells).SequenceEqual(cached.AsSpan(b * cells, cells)));
            Console.WriteLine($"grids differing between the two: {differing} of {seeds.Length} ({seeds.Length * cells} draws)");
            for (var b = 0; b < seeds.Length; b++)
            {
                var first = Enumerable.Range(0, cells).FirstOrDefault(k => banded[(b * cells) + k] != cached[(b * cells) + k], -1);
                if (first >= 0)
                {
                    ExplainFlip(file!, seeds, labels, codes, sampling, threads, probe.RowsAbove, b, first / probe.Width, first % probe.Width, banded[(b * cells) + first], cached[(b * cells) + first]);
                }
            }

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
            long[] TimeTorch(bool banded)
            {
                long[] grid = [];
                var (wall, cpu) = Time(() =>
                {
                    using var scope = NewDisposeScope();
                    using var noGrad = no_grad();
                    var conditionTensor = condition.Length == 0 ? null : tensor(condition, [batch, options.ConditionHeight, options.ConditionWidth]);
                    var sample = banded ? PixelCnnSampler.SampleBanded(net, seeds, tensor(labels), conditionTensor, sampling, CPU) : PixelCnnSampler.Sample(net, seeds, tensor(labels), conditionTensor, sampling, CPU);
                    grid = sample.reshape(-1).data<long>().ToArray();
                });
                Console.WriteLine($"TorchSharp ({(banded ? "band per position" : "cached")}):   {batch / wall.TotalSeconds,8:F3} images/s wall ({wall.TotalSeconds:F1} s), {batch / cpu.TotalSeconds,8:F3} images per CPU-second ({cpu.TotalSeconds:F1} s CPU)");
                return grid;
            }

            torchGrid = TimeTorch(banded: false);
            if (named.ContainsKey("--compare"))
            {
                Console.WriteLine($"same grids cached and banded: {TimeTorch(banded: true).SequenceEqual(torchGrid)}");
            }
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

    // The first position where the two samplers drew differently from the same prefix: both logit vectors, the uniform
    // number drawn there and where it falls against each distribution's cumulative boundary between the two levels.
    private static void ExplainFlip(string path, long[] seeds, long[] labels, long[] condition, CategoricalSampling sampling, int threads, int? rowsAbove, int grid, int row, int column, long bandLevel, long stepLevel)
    {
        float[] Logits(int? rows)
        {
            float[] captured = [];
            var runtime = OnnxRuntimeOptions.Default with { BatchSize = seeds.Length, IntraOpThreads = threads };
            using var sampler = AutoregressiveOnnxSampler.Load(path, runtime, rows);
            var profile = new SamplerProfile { Logits = (b, r, c, logits) => { if ((b, r, c) == (grid, row, column)) { captured = [.. logits]; } } };
            var classLabels = sampler.ClassCount is null ? null : labels.Select(l => l % sampler.ClassCount.Value).ToArray();
            sampler.Sample(seeds, classLabels, condition, sampling, profile);
            return captured;
        }

        var (band, step) = (Logits(rowsAbove), Logits(null));
        var uniform = PositionUniform(seeds[grid], row, column, path);
        double Boundary(float[] logits)
        {
            var max = logits.Max();
            var p = logits.Select(l => Math.Exp((l - max) / sampling.Temperature)).ToArray();
            return p.Take((int)Math.Min(bandLevel, stepLevel) + 1).Sum() / p.Sum();
        }

        var difference = band.Zip(step, (a, b) => Math.Abs(a - b)).Max();
        Console.WriteLine(
            $"  grid {grid}, first difference at ({row}, {column}): band drew {bandLevel}, steps drew {stepLevel}; max |logit difference| {difference:G3}; " +
            $"u = {uniform:R}, cumulative probability up to level {Math.Min(bandLevel, stepLevel)}: band {Boundary(band):R}, steps {Boundary(step):R}");
    }

    // The uniform number the position's draw used: the grid's stream advanced once per earlier position.
    private static double PositionUniform(long seed, int row, int column, string path)
    {
        using var probe = AutoregressiveOnnxSampler.Load(path);
        var stream = SampleStreams.For(seed);
        for (var k = 0; k < (row * probe.Width) + column; k++)
        {
            stream.NextDouble();
        }

        return stream.NextDouble();
    }

    // ML.NET's SampleImages over an export folder, end to end (the images materialised), after one untimed batch.
    private static void TimeSampleImages(string export, long[] seeds, long[] labels, CategoricalSampling sampling, int threads, int batch)
    {
        var ml = new Microsoft.ML.MLContext(seed: 0);
        var data = ml.Data.LoadFromEnumerable(seeds.Select((seed, i) => new SampleRequest { Seed = seed, Label = labels[i] }));
        var options = new SampleImagesOptions
        {
            ModelPath = export,
            OutputColumnName = "Image",
            LabelColumnName = nameof(SampleRequest.Label),
            Sampling = sampling,
            Runtime = OnnxRuntimeOptions.Default with { BatchSize = batch, IntraOpThreads = threads },
        };
        using var model = Microsoft.ML.SamplingCatalog.SampleImages(ml.Transforms, options).Fit(data);
        _ = model.Transform(ml.Data.TakeRows(data, batch)).GetColumn<float[]>("Image").ToArray();
        var (wall, cpu) = Time(() => _ = model.Transform(data).GetColumn<float[]>("Image").ToArray());
        Console.WriteLine(
            $"ML.NET SampleImages ({export}, {seeds.Length} images in batches of {batch}, {threads} thread(s), guidance {sampling.Guidance}): " +
            $"{seeds.Length / wall.TotalSeconds,8:F2} images/s wall ({wall.TotalMilliseconds / seeds.Length:F1} ms per image), {seeds.Length / cpu.TotalSeconds,8:F2} images per CPU-second");
    }

    private sealed class SampleRequest
    {
        public long Seed { get; set; }

        public long Label { get; set; }
    }

    // Random condition codes (seed 2) for an export that takes a condition grid; none otherwise.
    private static long[] RandomCondition(AutoregressiveOnnxSampler sampler, int batch)
    {
        var random = new Random(2);
        return sampler.ConditionShape is { } c ? Enumerable.Range(0, batch * c.Height * c.Width).Select(_ => (long)random.Next(c.Levels)).ToArray() : [];
    }

    private static long[] TimeOnnx(string path, long[] seeds, long[] labels, CategoricalSampling sampling, int threads, bool wholeGrid, long[]? condition = null, int? rowsAbove = null)
    {
        var runtime = OnnxRuntimeOptions.Default with { BatchSize = seeds.Length, IntraOpThreads = threads };
        using var sampler = AutoregressiveOnnxSampler.Load(path, runtime, wholeGrid ? int.MaxValue : rowsAbove);
        condition ??= RandomCondition(sampler, seeds.Length);
        var classLabels = sampler.ClassCount is null ? null : labels.Select(l => l % sampler.ClassCount.Value).ToArray();
        var profile = new SamplerProfile();
        long[] grid = [];
        if (Warmup)
        {
            sampler.Sample(seeds, classLabels, condition, sampling);
        }

        var (wall, cpu) = Time(() => grid = sampler.Sample(seeds, classLabels, condition, sampling, profile));
        var batch = seeds.Length;
        Console.WriteLine(
            $"ONNX Runtime ({Path.GetFileName(path)}, {(sampler.UsesStepGraphs ? "step graphs" : sampler.RowsAbove is { } rows ? $"band of {rows} rows above per Run" : "whole grid per Run")}): " +
            $"{batch / wall.TotalSeconds,8:F3} images/s wall ({wall.TotalSeconds:F1} s), {batch / cpu.TotalSeconds,8:F3} images per CPU-second ({cpu.TotalSeconds:F1} s CPU); " +
            $"Run {profile.Run.TotalSeconds:F2} s over {profile.Runs} runs ({profile.Run.TotalMilliseconds / profile.Runs:F2} ms each" +
            (profile.RowRuns > 0 ? $"; of which {profile.RowRuns} row-graph runs {profile.RowRun.TotalMilliseconds / profile.RowRuns:F2} ms each, step runs {(profile.Run - profile.RowRun).TotalMilliseconds / (profile.Runs - profile.RowRuns):F2} ms each" : string.Empty) +
            $"), logits read + draw {profile.Draw.TotalSeconds:F2} s");
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
                case "--whole-grid" or "--compare" or "--warmup":
                    named[args[i]] = null;
                    break;
                case "--model" or "--onnx" or "--sample-images" or "--guidance" or "--count":
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
