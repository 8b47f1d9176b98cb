using System.Text.Json;
using Pipeline.Training.Checkpoints;
using Pipeline.Training.Loop;
using Pipeline.Training.Runs;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Pipeline.Training.Tests.Loop;

public sealed class TrainingLoopTests
{
    [Fact]
    public void Logs_samples_and_checkpoints_at_the_recipes_cadence_and_at_the_end()
    {
        // Given: 7 steps, a metrics line every 3, a checkpoint every 2 (and at each line), samples every 5.
        using var folder = new TempDirectory();
        using var recipe = new ScriptedRecipe(7, new TrainingCadence(LogEvery: 3, CheckpointEvery: 2, CheckpointAtLogs: true, SampleEvery: 5));
        var loop = new TrainingLoop<ScriptedReport, ScriptedMetrics>(RunFolder.Create(folder.Path), recipe);

        // When
        var result = loop.Run();

        // Then
        Assert.Equal(new TrainingResult(TrainingOutcome.Completed, 7, 7), result);
        Assert.Equal([3L, 6, 7], loop.Metrics.Select(m => m.Step));
        Assert.Equal([3.0, 3, 1], loop.Metrics.Select(m => m.Steps));
        Assert.Equal([(2L, 0), (3, 1), (4, 1), (6, 2), (7, 3)], recipe.PlotsAt);   // the plot is redrawn at each checkpoint from the lines so far
        Assert.Equal([5L, 7], recipe.SamplesAt);
        Assert.Equal(7, Checkpoint.ReadHeader(Path.Combine(folder.Path, "checkpoints", "last.ckpt")).Step);
    }

    [Fact]
    public void Cancellation_checkpoints_the_current_step_and_resume_drops_later_metrics()
    {
        // Given: a run cancelled after step 5, whose metrics file also holds a line from a later, lost step.
        using var folder = new TempDirectory();
        using var stop = new CancellationTokenSource();
        var run = RunFolder.Create(folder.Path);
        using (var recipe = new ScriptedRecipe(10, new TrainingCadence(LogEvery: 2)))
        {
            var loop = new TrainingLoop<ScriptedReport, ScriptedMetrics>(run, recipe);
            var result = loop.Run(new Progress(s => { if (s == 5) { stop.Cancel(); } }), stop.Token);
            Assert.Equal(new TrainingResult(TrainingOutcome.Interrupted, 5, 5), result);
        }

        File.AppendAllText(run.MetricsPath, """{"step":8,"steps":2}""" + Environment.NewLine);

        // When
        using var resumedRecipe = new ScriptedRecipe(10, new TrainingCadence(LogEvery: 2));
        var resumed = new TrainingLoop<ScriptedReport, ScriptedMetrics>(run, resumedRecipe);
        resumed.Resume();

        // Then: the step and the module's weights come back, later lines are gone, and the run continues at step 5.
        Assert.Equal(5, resumed.Step);
        Assert.Equal(5f, resumedRecipe.Counter.weight!.sum().item<float>());
        Assert.Equal([2L, 4], resumed.Metrics.Select(m => m.Step));
        Assert.Equal(TrainingOutcome.Completed, resumed.Run().Outcome);
        Assert.Equal([5L, 6, 7, 8, 9], resumedRecipe.StepsRun);
        Assert.Equal([2L, 4, 6, 8, 10], resumed.Metrics.Select(m => m.Step));
    }

    [Fact]
    public void Divergence_stops_at_once_and_keeps_the_last_checkpoint_written_before_the_doubtful_steps()
    {
        // Given: checkpoints every 2 steps; steps 3 and 4 are doubtful (no checkpoint), step 5 diverges.
        using var folder = new TempDirectory();
        using var recipe = new ScriptedRecipe(10, new TrainingCadence(LogEvery: 1, CheckpointEvery: 2)) { DoubtfulAfter = 3, DivergesAt = 5 };
        var loop = new TrainingLoop<ScriptedReport, ScriptedMetrics>(RunFolder.Create(folder.Path), recipe);

        // When
        var result = loop.Run();

        // Then
        Assert.Equal(TrainingOutcome.Diverged, result.Outcome);
        Assert.Equal(5, result.Step);
        Assert.Equal(2, result.CheckpointStep);
        Assert.Equal("training diverged at step 5: scripted. The last checkpoint (step 2) was kept; lower it.", result.Message);
        Assert.Equal(2, Checkpoint.ReadHeader(Path.Combine(folder.Path, "checkpoints", "last.ckpt")).Step);
        Assert.Equal([1L, 2, 3, 4], loop.Metrics.Select(m => m.Step));
    }

    [Fact]
    public void Times_every_phase_apart_and_writes_them_to_timing_json()
    {
        // Given: 5 steps of 30 ms that each wait 10 ms for data (as the recipe counts it), samples of 100 ms at step 5.
        using var folder = new TempDirectory();
        using var recipe = new ScriptedRecipe(5, new TrainingCadence(LogEvery: 5, SampleEvery: 5))
        {
            StepDelay = TimeSpan.FromMilliseconds(30),
            SampleDelay = TimeSpan.FromMilliseconds(100),
            DataPerStep = 0.01,
        };
        var run = RunFolder.Create(folder.Path);
        var loop = new TrainingLoop<ScriptedReport, ScriptedMetrics>(run, recipe) { PrepareSeconds = 2 };

        // When
        loop.Run();

        // Then: the first step apart from the other four, data counted inside the steps, the samples in their phase.
        var times = loop.Times!;
        Assert.Equal((5L, 20L, 4L), (times.Steps, times.Images, times.FirstStepImages));
        Assert.Equal(2, times.PrepareSeconds);
        Assert.InRange(times.FirstStepSeconds, 0.03, 1);
        Assert.InRange(times.StepSeconds, 4 * 0.03, 4);
        Assert.Equal(0.05, times.DataSeconds!.Value, 9);
        Assert.InRange(times.SampleSeconds, 0.1, 1);
        Assert.True(times.CheckpointSeconds > 0);
        var phases = times.FirstStepSeconds + times.StepSeconds + times.MetricsSeconds + times.SampleSeconds + times.CheckpointSeconds + times.ProgressSeconds;
        Assert.Equal(times.LoopSeconds, phases + times.OtherSeconds, 9);
        Assert.Equal(16 / times.StepSeconds, times.StepImagesPerSecond, 9);
        Assert.Equal(20 / (2 + times.LoopSeconds), times.ImagesPerSecond, 9);
        var written = JsonSerializer.Deserialize<TrainingTimes>(File.ReadAllText(Path.Combine(folder.Path, TrainingTimes.FileName)), RunFolder.Json);
        Assert.Equal(times, written);
    }

    [Fact]
    public void Time_table_gives_each_phase_its_share_of_the_total()
    {
        // Given: 10 s in all, 2 of them opening the run, 7 in steps at 100 images each.
        var times = new TrainingTimes(Steps: 8, Images: 800, FirstStepImages: 100, PrepareSeconds: 2, FirstStepSeconds: 1, StepSeconds: 6,
            DataSeconds: 0.5, MetricsSeconds: 0.25, SampleSeconds: 0.25, CheckpointSeconds: 0.5, ProgressSeconds: 0, LoopSeconds: 8);

        // When
        var rows = times.Rows().ToDictionary(r => r.Name, r => r.Value);

        // Then
        Assert.Equal("2.00 s  20.0%", rows["opening the run (data, networks, resume)"]);
        Assert.Equal("6.00 s  60.0%", rows["other 7 steps"]);
        Assert.Equal("0.00 s  0.0%", rows["other"]);
        Assert.Equal("10.00 s  100.0%", rows["total"]);
        Assert.Equal("116.7", rows["images/s of the steps"]);
        Assert.Equal("80.0 (68.6% of the steps')", rows["images/s end to end"]);
        Assert.Contains(("  of which waiting for batches", "not counted by this family"), (times with { DataSeconds = null }).Rows());
    }

    [Fact]
    public void Refuses_a_cadence_without_log_boundaries()
    {
        using var folder = new TempDirectory();
        using var recipe = new ScriptedRecipe(3, new TrainingCadence(LogEvery: 0));

        var error = Assert.Throws<ArgumentException>(() => new TrainingLoop<ScriptedReport, ScriptedMetrics>(RunFolder.Create(folder.Path), recipe));

        Assert.Contains("LogEvery", error.Message);
    }

    public sealed record ScriptedMetrics(long Step, double Steps) : IStepMetrics;

    public readonly record struct ScriptedReport(long Step) : IStepReport
    {
        public int Images => 4;

        public IReadOnlyList<(string Name, double Value)> Shown => [("step", Step)];
    }

    // Counts its steps in a 1-weight module so that checkpoints and resume can be checked by value.
    private sealed class ScriptedRecipe(long total, TrainingCadence cadence) : ITrainingRecipe<ScriptedReport, ScriptedMetrics>, IDisposable
    {
        public Linear Counter { get; } = nn.Linear(1, 1, hasBias: false);

        public long? DoubtfulAfter { get; init; }

        public long? DivergesAt { get; init; }

        public TimeSpan StepDelay { get; init; }

        public TimeSpan SampleDelay { get; init; }

        public double DataPerStep { get; init; }

        public double? DataSeconds => DataPerStep * StepsRun.Count;

        public List<long> StepsRun { get; } = [];

        public List<(long Step, int Lines)> PlotsAt { get; } = [];

        public List<long> SamplesAt { get; } = [];

        public string Kind => "scripted";

        public long TotalSteps => total;

        public IReadOnlyList<(string Name, nn.Module Module)> Modules => [("counter", Counter)];

        public IReadOnlyList<(string Name, OptimizerHelper Optimizer)> Optimizers => [];

        public TrainingCadence Cadence => cadence;

        public bool MayCheckpoint => DoubtfulAfter is not { } doubtful || StepsRun.Count == 0 || StepsRun[^1] + 1 < doubtful;

        public ScriptedReport Step(long step)
        {
            using (no_grad())
            {
                Counter.weight!.fill_(step + 1);
            }

            Thread.Sleep(StepDelay);
            StepsRun.Add(step);
            return new ScriptedReport(step + 1);
        }

        public double EpochOf(long steps) => steps / 4.0;

        public ScriptedMetrics Summarise(StepWindow<ScriptedReport> window)
        {
            Assert.Equal(4 * window.Steps.Count, window.Images);
            return new ScriptedMetrics(window.EndStep, window.Steps.Count);
        }

        public Divergence? CheckDivergence(ScriptedReport report) => report.Step == DivergesAt ? new Divergence("scripted", "lower it.") : null;

        public void SaveSamples(RunFolder run, long steps)
        {
            Thread.Sleep(SampleDelay);
            SamplesAt.Add(steps);
        }

        public void DrawLosses(string path, IReadOnlyList<ScriptedMetrics> metrics) => PlotsAt.Add((StepsRun[^1] + 1, metrics.Count));

        public void Dispose() => Counter.Dispose();
    }

    private sealed class Progress(Action<long> afterStep) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => afterStep(value.Step);
    }
}
