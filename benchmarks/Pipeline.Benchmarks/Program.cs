using BenchmarkDotNet.Running;
using Pipeline.Benchmarks;

// dotnet run -c Release --project benchmarks/Pipeline.Benchmarks -- --filter '*'      (everything)
// dotnet run -c Release --project benchmarks/Pipeline.Benchmarks -- --quick          (CI smoke: batch 64, 2 threads)
var rest = RunMode.Parse(args);
BenchmarkSwitcher.FromAssembly(typeof(RunMode).Assembly).Run(rest, RunMode.Config());
