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
/// <c>--sampler [channels layers]</c>: images/s of ancestral sampling from one random-initialised class-conditional
/// 28×28 PixelCNN, side by side in one process: TorchSharp's <see cref="PixelCnnSampler"/> (receptive-field band) and
/// the ONNX Runtime sampler on its export (whole grid per Run), at batch 1 and 64, with ONNX Runtime's time split into
/// Run and draw. Plain stopwatch timing over whole batches: a sample takes seconds, too long for BenchmarkDotNet's jobs.
/// </summary>
public static class SamplerTiming
{
    public const string Switch = "--sampler";

    public static void Run(string[] args)
    {
        var numbers = args.Where(a => a != Switch).Select(int.Parse).ToArray();
        var (channels, layers) = numbers.Length == 2 ? (numbers[0], numbers[1]) : (16, 4);
        var options = new PixelCnnOptions(Channels: channels, Layers: layers, OutputChannels: 2 * channels);
        set_num_threads(2);
        manual_seed(1);
        using var net = new PixelCnn(options);
        var folder = Path.Combine(Path.GetTempPath(), $"sampler-timing-{Environment.ProcessId}");
        var path = PixelCnnOnnxExport.Export(net, folder, "timing").Path;
        Console.WriteLine($"PixelCNN 28x28, 256 levels, p = {channels}, {layers} layers, receptive field {net.ReceptiveFieldRows} rows; 2 threads each");
        var sampling = new CategoricalSampling();
        try
        {
            foreach (var batch in new[] { 1, 64 })
            {
                var seeds = Enumerable.Range(0, batch).Select(i => (long)i).ToArray();
                var labels = seeds.Select(s => s % 10).ToArray();

                // TorchSharp first, with no ONNX Runtime session alive (its idle threads would compete for the cores).
                var torchClock = Stopwatch.StartNew();
                long[] torchGrid;
                using (var scope = NewDisposeScope())
                using (no_grad())
                {
                    torchGrid = PixelCnnSampler.Sample(net, seeds, tensor(labels), null, sampling, CPU).reshape(-1).data<long>().ToArray();
                }

                torchClock.Stop();
                long[] onnx;
                var profile = new SamplerProfile();
                var ort = new Stopwatch();
                using (var sampler = AutoregressiveOnnxSampler.Load(path, OnnxRuntimeOptions.Default with { BatchSize = batch, IntraOpThreads = 2 }))
                {
                    ort.Start();
                    onnx = sampler.Sample(seeds, labels, default, sampling, profile);
                    ort.Stop();
                }

                var same = onnx.SequenceEqual(torchGrid);
                Console.WriteLine(
                    $"batch {batch,2}: ONNX Runtime {batch / ort.Elapsed.TotalSeconds,8:F2} images/s ({ort.Elapsed.TotalSeconds:F1} s; Run {profile.Run.TotalSeconds:F1} s over {profile.Runs} runs, " +
                    $"{profile.Run.TotalMilliseconds / profile.Runs:F2} ms each; logits read + draw {profile.Draw.TotalSeconds:F2} s) | " +
                    $"TorchSharp {batch / torchClock.Elapsed.TotalSeconds,8:F2} images/s ({torchClock.Elapsed.TotalSeconds:F1} s) | same grids: {same}");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
