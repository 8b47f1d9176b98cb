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
/// <c>--sampler ort|torch|both BATCH [SIZE [THREADS]]</c>: images/s of ancestral sampling from one random-initialised (seed 1)
/// class-conditional SIZE×SIZE PixelCNN (p = 16, 4 layers, 256 levels): TorchSharp's <see cref="PixelCnnSampler"/>
/// (receptive-field band) and/or the ONNX Runtime sampler on its export (whole grid per Run), one batch of BATCH
/// images, THREADS (2) threads each, with ONNX Runtime's time split into Run and draw. Wall time and the process's CPU time are
/// both printed: on a shared machine the CPU time is the steadier number. Plain stopwatch timing over a whole batch:
/// a sample takes seconds, too long for BenchmarkDotNet's jobs. With "both", the two grids are compared.
/// </summary>
public static class SamplerTiming
{
    public const string Switch = "--sampler";

    public static void Run(string[] args)
    {
        var rest = args.Where(a => a != Switch).ToArray();
        var engine = rest.ElementAtOrDefault(0) ?? "both";
        var batch = rest.Length > 1 ? int.Parse(rest[1]) : 1;
        var size = rest.Length > 2 ? int.Parse(rest[2]) : 28;
        var threads = rest.Length > 3 ? int.Parse(rest[3]) : 2;
        var options = new PixelCnnOptions(Height: size, Width: size, Channels: 16, Layers: 4, OutputChannels: 32);
        set_num_threads(threads);
        manual_seed(1);
        using var net = new PixelCnn(options);
        var seeds = Enumerable.Range(0, batch).Select(i => (long)i).ToArray();
        var labels = seeds.Select(s => s % 10).ToArray();
        var sampling = new CategoricalSampling();
        Console.WriteLine($"PixelCNN {size}x{size}, 256 levels, p = 16, 4 layers, receptive field {net.ReceptiveFieldRows} rows; batch {batch}; {threads} thread(s) each");
        long[]? torchGrid = null, onnxGrid = null;
        if (engine is "torch" or "both")
        {
            var (wall, cpu) = Time(() =>
            {
                using var scope = NewDisposeScope();
                using var noGrad = no_grad();
                torchGrid = PixelCnnSampler.Sample(net, seeds, tensor(labels), null, sampling, CPU).reshape(-1).data<long>().ToArray();
            });
            Console.WriteLine($"TorchSharp:   {batch / wall.TotalSeconds,8:F3} images/s wall ({wall.TotalSeconds:F1} s), {batch / cpu.TotalSeconds,8:F3} images per CPU-second ({cpu.TotalSeconds:F1} s CPU)");
        }

        if (engine is "ort" or "both")
        {
            var folder = Path.Combine(Path.GetTempPath(), $"sampler-timing-{Environment.ProcessId}");
            try
            {
                var path = PixelCnnOnnxExport.Export(net, folder, "timing").Path;
                using var sampler = AutoregressiveOnnxSampler.Load(path, OnnxRuntimeOptions.Default with { BatchSize = batch, IntraOpThreads = threads });
                var profile = new SamplerProfile();
                var (wall, cpu) = Time(() => onnxGrid = sampler.Sample(seeds, labels, default, sampling, profile));
                Console.WriteLine(
                    $"ONNX Runtime: {batch / wall.TotalSeconds,8:F3} images/s wall ({wall.TotalSeconds:F1} s), {batch / cpu.TotalSeconds,8:F3} images per CPU-second ({cpu.TotalSeconds:F1} s CPU); " +
                    $"Run {profile.Run.TotalSeconds:F1} s over {profile.Runs} runs ({profile.Run.TotalMilliseconds / profile.Runs:F2} ms each), logits read + draw {profile.Draw.TotalSeconds:F2} s");
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
