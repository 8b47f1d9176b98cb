using System.Diagnostics;
using Pipeline.Data;
using Pipeline.Models.Vae;
using Pipeline.Training.Batching;
using Pipeline.Training.Checkpoints;
using Pipeline.Training.Runs;
using Pipeline.Training.Schedules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Pipeline.Training.Vae;

/// <summary>
/// Trains a VAE by maximising the ELBO with Adam, checkpointing into its run folder and logging per-epoch train and
/// test bounds. Every step is a pure function of (seed, step, checkpoint), so an interrupted run resumes exactly.
/// </summary>
public sealed class VaeTrainer : IDisposable
{
    private readonly RunFolder _run;
    private readonly VaeRunConfig _config;
    private readonly Device _device;
    private readonly ImageDataset _train;
    private readonly ImageDataset _test;
    private readonly MiniBatchLoader _loader;
    private readonly OptimizerHelper _optimizer;
    private readonly LearningRateSchedule _schedule;
    private readonly MetricsLog<VaeEpochMetrics> _metrics;

    public VaeTrainer(RunFolder run, VaeRunConfig config, ImageDataset train, ImageDataset test, Device device)
    {
        config.Model.Validate();
        config.Training.Validate();
        RequireShape(train, config.Model);
        RequireShape(test, config.Model);

        _run = run;
        _config = config;
        _device = device;
        _train = train;
        _test = test;

        random.manual_seed(config.Training.Seed);
        Model = VariationalAutoencoder.Create(config.Model);
        Model.to(device);
        _optimizer = optim.Adam(Model.parameters(), config.Training.LearningRate);
        _loader = new MiniBatchLoader(train, config.Training.BatchSize, config.Training.Seed, device);
        TotalSteps = Math.Min((long)config.Training.Epochs * _loader.BatchesPerEpoch, config.Training.MaxSteps ?? long.MaxValue);
        _schedule = new LearningRateSchedule(config.Training.Schedule, config.Training.LearningRate, TotalSteps);
        _metrics = new MetricsLog<VaeEpochMetrics>(run.MetricsPath);
    }

    /// <summary>The model being trained.</summary>
    public VariationalAutoencoder Model { get; }

    /// <summary>Optimisation steps the whole run takes.</summary>
    public long TotalSteps { get; }

    /// <summary>Steps completed so far (after <see cref="Resume"/>, the checkpoint's step).</summary>
    public long Step { get; private set; }

    /// <summary>Loads the run's last checkpoint (model, Adam moments) and continues from its step.</summary>
    public void Resume()
    {
        var header = Checkpoint.Load(_run.LastCheckpointPath, VaeRunConfig.Kind, Modules(), Optimizers());
        Step = header.Step;
        _metrics.TruncateAfter(Step);
    }

    /// <summary>
    /// Runs the remaining steps. On cancellation it checkpoints the current step and returns, so Ctrl+C never loses
    /// more than the step in flight.
    /// </summary>
    public IReadOnlyList<VaeEpochMetrics> Train(IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        var perEpoch = _loader.BatchesPerEpoch;
        var epochClock = Stopwatch.StartNew();
        var sums = new EpochSums();
        while (Step < TotalSteps && !cancellation.IsCancellationRequested)
        {
            var epoch = (int)(Step / perEpoch);
            foreach (var indices in _loader.Epoch(epoch, (int)(Step % perEpoch)))
            {
                var (loss, reconstruction, kl) = TrainStep(indices);
                sums.Add(reconstruction, kl, indices.Length);
                Step++;
                progress?.Report(new TrainingProgress(Step, TotalSteps, (double)Step / perEpoch,
                    [("-ELBO", reconstruction + kl), ("KL", kl), ("loss", loss)], sums.Images / epochClock.Elapsed.TotalSeconds));

                var endOfRun = Step == TotalSteps;
                if (endOfRun || Step % perEpoch == 0)
                {
                    EndEpoch(sums, epochClock.Elapsed.TotalSeconds);
                    sums = new EpochSums();
                    epochClock.Restart();
                }
                else if (_config.Training.CheckpointEverySteps > 0 && Step % _config.Training.CheckpointEverySteps == 0)
                {
                    SaveCheckpoint();
                }

                if (endOfRun || cancellation.IsCancellationRequested)
                {
                    break;
                }
            }
        }

        if (cancellation.IsCancellationRequested)
        {
            SaveCheckpoint();
        }

        return _metrics.ReadAll();
    }

    // One Adam step on the β-weighted negative ELBO. Returns the loss and the per-image terms (nats).
    private (double Loss, double Reconstruction, double Kl) TrainStep(int[] indices)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(StepSeed(_config.Training.Seed, Step));   // the step's reparameterisation noise
        SetLearningRate(_schedule.At(Step));

        var images = _loader.Gather(indices).Images;                // (B, C, H, W)
        _optimizer.zero_grad();
        var (reconstruction, kl) = Model.NegativeElboTerms(images);  // (B) each
        var loss = (reconstruction + (_config.Model.Beta * kl)).mean();
        loss.backward();
        _optimizer.step();
        return (loss.item<float>(), reconstruction.mean().item<float>(), kl.mean().item<float>());
    }

    private void EndEpoch(EpochSums sums, double seconds)
    {
        var test = VaeEvaluator.NegativeElbo(Model, _test, _device, seed: _config.Training.Seed);
        SaveCheckpoint();
        _metrics.Append(new VaeEpochMetrics(
            Epoch: (double)Step / _loader.BatchesPerEpoch,
            Step: Step,
            TrainNegElbo: sums.Reconstruction / sums.Images + sums.Kl / sums.Images,
            TrainReconstruction: sums.Reconstruction / sums.Images,
            TrainKl: sums.Kl / sums.Images,
            TestNegElbo: test.NegElbo,
            TestReconstruction: test.Reconstruction,
            TestKl: test.Kl,
            ImagesPerSecond: sums.Images / seconds,
            Seconds: seconds,
            LearningRate: _schedule.At(Step - 1)));
    }

    private void SaveCheckpoint() =>
        Checkpoint.Save(_run.LastCheckpointPath, VaeRunConfig.Kind, Step, _run.Id, Modules(), Optimizers());

    private (string, nn.Module)[] Modules() => [("vae", Model)];

    private (string, OptimizerHelper)[] Optimizers() => [("adam", _optimizer)];

    private void SetLearningRate(double rate)
    {
        foreach (var group in _optimizer.ParamGroups)
        {
            group.LearningRate = rate;
        }
    }

    internal static long StepSeed(int seed, long step) => StepSeeds.For(seed, step);

    private static void RequireShape(ImageDataset data, VaeOptions options)
    {
        if (data.Channels != options.Channels || data.Height != options.ImageSize || data.Width != options.ImageSize)
        {
            throw new ArgumentException(
                $"{data.Source}: images are {data.Channels}x{data.Height}x{data.Width}, the VAE expects {options.Channels}x{options.ImageSize}x{options.ImageSize}.");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _optimizer.Dispose();
        Model.Dispose();
    }

    private sealed class EpochSums
    {
        public double Reconstruction { get; private set; }

        public double Kl { get; private set; }

        public int Images { get; private set; }

        public void Add(double reconstruction, double kl, int images)
        {
            Reconstruction += reconstruction * images;
            Kl += kl * images;
            Images += images;
        }
    }
}
