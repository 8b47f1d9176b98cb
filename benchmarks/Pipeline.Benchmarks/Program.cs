using BenchmarkDotNet.Running;
using Pipeline.Benchmarks;

// dotnet run -c Release --project benchmarks/Pipeline.Benchmarks -- --filter '*'      (everything)
// dotnet run -c Release --project benchmarks/Pipeline.Benchmarks -- --quick          (CI smoke: batch 64, 2 threads)
// dotnet run -c Release --project benchmarks/Pipeline.Benchmarks -- --filter '*GanTraining*'   (GAN step before/after)
// ... -- --filter '*Engine*' '*GemmPeak*' --batch 64 --results benchmarks/RESULTS-burner.md   (one batch size, e.g. beside `yes > /dev/null`)
// dotnet run -c Release --project benchmarks/Pipeline.Benchmarks -- --sampler        (PixelCNN sampling, ONNX Runtime vs TorchSharp)
// ... -- --sampler-flips onnx/vqvae2-fashion28 --count 10000 [--guidance 3] [--verify]   (cached vs band sampler's draws)
// dotnet run -c Release --project benchmarks/Pipeline.Benchmarks -- --cluster        (silos against the single-process ML.NET path)
// dotnet run -c Release --project benchmarks/Pipeline.Benchmarks -- --end-to-end src/Pipeline.Cli/bin/Release/net10.0/pipeline.dll --family cgan --steps 400
//                                              (each family's default `train` command against its step benchmark, interleaved)
// ... -- --bf16 keeps the bf16 rows on a CPU without native bf16 (left out there by default)
if (args.Contains(SamplerTiming.Switch))
{
    SamplerTiming.Run(args);
    return 0;
}

if (args.Contains(SamplerFlips.Switch))
{
    return SamplerFlips.Run(args);
}

if (args.Contains(DecoderTiming.Switch))
{
    return DecoderTiming.Run(args);
}

if (args.Contains(EndToEndTiming.Switch))
{
    return EndToEndTiming.Run(args);
}

if (args.Contains(Pipeline.Benchmarks.Cluster.ClusterTiming.Switch))
{
    return Pipeline.Benchmarks.Cluster.ClusterTiming.Run(args);
}

var rest = RunMode.Parse(args);
if (Pipeline.Benchmarks.Engines.CudaRows.Why is { } why)
{
    Console.WriteLine($"// CUDA rows left out: {why}.");
}

if (Pipeline.Benchmarks.Reporting.Bf16Rows.Why is { } noBf16)
{
    Console.WriteLine($"// bf16 rows left out: {noBf16}.");
}

Pipeline.Training.Devices.NativeHeap.RetainFreedMemory(); // as the CLI does

var summaries = BenchmarkSwitcher.FromAssembly(typeof(RunMode).Assembly).Run(rest, RunMode.Config());
Pipeline.Benchmarks.Reporting.ResultsWriter.Write(summaries, RunMode.ResultsFile, RunMode.Quick);
return 0;
