using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Pipeline.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Pipeline.Benchmarks.VaeBenchmarks).Assembly).Run(args);
