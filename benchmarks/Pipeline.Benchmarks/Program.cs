using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// dotnet run -c Release --project benchmarks/Pipeline.Benchmarks -- --filter '*'
// In-process: BenchmarkDotNet's usual out-of-process toolchain builds a generated copy of this project whose libtorch
// shim the build has not made loadable on older libstdc++ (see build/WeakenMissingGlibcxxVersion.cs).
var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsDefault());
BenchmarkSwitcher.FromAssembly(typeof(Pipeline.Benchmarks.VaeBenchmarks).Assembly).Run(args, config);
