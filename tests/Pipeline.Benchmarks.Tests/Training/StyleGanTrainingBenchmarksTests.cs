using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Pipeline.Training.StyleGan;

namespace Pipeline.Benchmarks.Tests.Training;

public sealed class StyleGanTrainingBenchmarksTests
{
    [Fact]
    public void Every_case_runs_once_in_process_with_the_hour_long_timeout()
    {
        // Given the configuration the benchmark program runs with, whose job the command line's options start from
        var config = RunMode.Config();

        // When BenchmarkDotNet turns the class into cases (nothing is run)
        var cases = BenchmarkConverter.TypeToBenchmarks(typeof(StyleGanTrainingBenchmarks), config).BenchmarksCases;

        // Then each row and thread count is one case, in process, allowed the hour an amortised operation's stages can take
        Assert.Equal(2 * RunMode.ThreadCounts.Count(), cases.Length);
        Assert.All(cases, c =>
        {
            var toolchain = Assert.IsType<InProcessEmitToolchain>(c.Job.Infrastructure.Toolchain);
            Assert.Equal(RunMode.InProcessTimeout, Assert.IsType<InProcessEmitExecutor>(toolchain.Executor).ExecutionTimeout);
        });
        Assert.True(RunMode.InProcessTimeout >= TimeSpan.FromHours(1));
    }

    [Fact]
    public void The_amortised_row_times_whole_cycles_of_the_recipes_lazy_regularisation()
    {
        // Given the recipe's default intervals of R1 (k_D) and of the path-length penalty (k_G)
        var defaults = new StyleGanTrainingOptions();

        // When the amortised case is built
        var amortised = BenchmarkConverter.TypeToBenchmarks(typeof(StyleGanTrainingBenchmarks), RunMode.Config()).BenchmarksCases
            .First(c => c.Descriptor.WorkloadMethod.Name == nameof(StyleGanTrainingBenchmarks.Amortised));

        // Then one operation is a cycle that holds a whole number of both intervals, and its time is divided by its steps
        Assert.Equal(0, StyleGanTrainingBenchmarks.LazyCycle % defaults.R1Interval);
        Assert.Equal(0, StyleGanTrainingBenchmarks.LazyCycle % defaults.PathLengthInterval);
        Assert.Equal(StyleGanTrainingBenchmarks.LazyCycle, amortised.Descriptor.OperationsPerInvoke);
    }
}
