using System.Text.Json;
using Pipeline.Application.Training;
using Pipeline.Application.Vae;
using Pipeline.Models.Vae;
using Pipeline.Training;
using Pipeline.Training.Loop;
using Pipeline.Training.Runs;
using Pipeline.Training.Vae;
using static TorchSharp.torch;

namespace Pipeline.Application.Tests;

/// <summary>The shared training job as an app calls it, through the VAE's operations: no command line involved.</summary>
public sealed class TrainingJobTests
{
    [Fact]
    public void Trains_reports_progress_and_resumes_where_the_checkpoint_is()
    {
        // Given: a lecture VAE on 128 Fashion-MNIST images, stopped after 3 of 6 steps.
        using var folder = new TempDirectory();
        var run = folder.File("vae");
        var config = Config(maxSteps: 6);
        var steps = new List<long>();
        using var stop = new CancellationTokenSource();
        var progress = new Recorder(p =>
        {
            steps.Add(p.Step);
            if (p.Step == 3)
            {
                stop.Cancel();
            }
        });

        // When
        var first = VaeOperations.Train(new TrainingRequest<VaeRunConfig>(config, run, Resume: false, CPU), progress, stop.Token);
        var second = VaeOperations.Train(new TrainingRequest<VaeRunConfig>(config, run, Resume: true, CPU), progress);

        // Then
        Assert.Equal(TrainingOutcome.Interrupted, first.Result.Outcome);
        Assert.Equal(3, first.Result.CheckpointStep);
        Assert.True(second.Completed);
        Assert.Equal([1L, 2, 3, 4, 5, 6], steps);
        Assert.True(File.Exists(second.CheckpointPath));
        Assert.Equal(6, second.Metrics[^1].Step);
        Assert.Equal((3L, 3L), (first.Times.Steps, second.Times.Steps));   // each call times its own steps and its own opening
        Assert.True(first.Times.PrepareSeconds > 0 && second.Times.PrepareSeconds > 0);
        Assert.Equal(second.Times, JsonSerializer.Deserialize<TrainingTimes>(File.ReadAllText(Path.Combine(run, TrainingTimes.FileName)), RunFolder.Json));
    }

    [Fact]
    public void Bad_data_leave_no_run_folder_behind()
    {
        using var folder = new TempDirectory();
        var run = folder.File("vae");
        var config = Config(maxSteps: 1) with { Data = new DataSource(DataSourceKind.Idx, folder.File("no-such-idx")) };

        Assert.ThrowsAny<Exception>(() => VaeOperations.Train(new TrainingRequest<VaeRunConfig>(config, run, Resume: false, CPU)));

        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void Resuming_a_run_of_another_kind_names_both_kinds()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File(RunFolder.ConfigFileName), """{ "kind": "gan" }""");

        var error = Assert.Throws<InvalidDataException>(() => VaeOperations.Train(new TrainingRequest<VaeRunConfig>(Config(1), folder.Path, Resume: true, CPU)));

        Assert.Contains("is a 'gan' run; this needs a 'vae' run", error.Message);
    }

    private static VaeRunConfig Config(long maxSteps) =>
        new(VaeOptions.Lecture, new VaeTrainingOptions(Epochs: 2, MaxSteps: maxSteps, BatchSize: 32, Seed: 7), DataSource.FashionMnist(128, 32));

    private sealed class Recorder(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
