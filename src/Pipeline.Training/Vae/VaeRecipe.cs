using Pipeline.Models.Vae;
using Pipeline.Training.Batching;
using Pipeline.Training.Loop;
using Pipeline.Training.Schedules;
using TorchSharp.Modules;

namespace Pipeline.Training.Vae;

/// <summary>
/// The VAE's training recipe: one Adam step on the β-weighted negative ELBO (Kingma and Welling 2014, eq. 10;
/// Higgins et al. 2017 for β), a metrics line with the test bound at every epoch end, a checkpoint there too.
/// </summary>
public sealed class VaeRecipe : ITrainingRecipe<VaeStepReport, VaeEpochMetrics>, IDisposable
{
    /// <summary>The model's name in checkpoints, shared with the loader of trained runs.</summary>
    public const string CheckpointName = "vae";

    private readonly VaeRunConfig _config;
    private readonly Device _device;
    private readonly ImageDataset _test;
    private readonly MiniBatchLoader _loader;
    private readonly OptimizerHelper _optimizer;
    private readonly LearningRateSchedule _schedule;

    public VaeRecipe(VaeRunConfig config, ImageDataset train, ImageDataset test, Device device)
    {
        config.Model.Validate();
        config.Training.Validate();
        var o = config.Model;
        TrainingData.RequireShape(train, o.Channels, o.ImageSize, o.ImageSize, "VAE");
        TrainingData.RequireShape(test, o.Channels, o.ImageSize, o.ImageSize, "VAE");

        _config = config;
        _device = device;
        _test = test;
        random.manual_seed(config.Training.Seed);   // initial weights
        Model = VariationalAutoencoder.Create(o);
        Model.to(device);
        _optimizer = optim.Adam(Model.parameters(), config.Training.LearningRate);
        _loader = new MiniBatchLoader(train, config.Training.BatchSize, config.Training.Seed, device);
        TotalSteps = TrainingCadence.EpochSteps(config.Training.Epochs, _loader.BatchesPerEpoch, config.Training.MaxSteps);
        _schedule = new LearningRateSchedule(config.Training.Schedule, config.Training.LearningRate, TotalSteps);
        Modules = [(CheckpointName, Model)];
        Optimizers = [("adam", _optimizer)];
        Cadence = new TrainingCadence(LogEvery: _loader.BatchesPerEpoch, CheckpointEvery: config.Training.CheckpointEverySteps, CheckpointAtLogs: true);
    }

    /// <summary>The model being trained.</summary>
    public VariationalAutoencoder Model { get; }

    /// <inheritdoc />
    public string Kind => VaeRunConfig.RunKind;

    /// <inheritdoc />
    public long TotalSteps { get; }

    /// <inheritdoc />
    public IReadOnlyList<(string Name, nn.Module Module)> Modules { get; }

    /// <inheritdoc />
    public IReadOnlyList<(string Name, OptimizerHelper Optimizer)> Optimizers { get; }

    /// <inheritdoc />
    public TrainingCadence Cadence { get; }

    /// <summary>One Adam step on the β-weighted negative ELBO of batch <paramref name="step"/>.</summary>
    public VaeStepReport Step(long step)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(StepSeeds.For(_config.Training.Seed, step));   // the step's reparameterisation noise
        SetLearningRate(_schedule.At(step));

        var images = _loader.Gather(_loader.Batch(step)).Images;          // (B, C, H, W)
        _optimizer.zero_grad();
        var (reconstruction, kl) = Model.NegativeElboTerms(images);        // (B) each
        var loss = (reconstruction + (_config.Model.Beta * kl)).mean();
        loss.backward();
        _optimizer.step();
        return new VaeStepReport(loss.item<float>(), reconstruction.mean().item<float>(), kl.mean().item<float>(), (int)images.shape[0]);
    }

    /// <inheritdoc />
    public double EpochOf(long steps) => (double)steps / _loader.BatchesPerEpoch;

    /// <summary>The epoch's image-weighted train bound beside the whole test set's bound.</summary>
    public VaeEpochMetrics Summarise(StepWindow<VaeStepReport> window)
    {
        var (reconstruction, kl) = (0.0, 0.0);
        foreach (var s in window.Steps)
        {
            reconstruction += s.Reconstruction * s.Images;
            kl += s.Kl * s.Images;
        }

        var images = window.Images;
        var test = VaeEvaluator.NegativeElbo(Model, _test, _device, seed: _config.Training.Seed);
        return new VaeEpochMetrics(
            Epoch: EpochOf(window.EndStep),
            Step: window.EndStep,
            TrainNegElbo: reconstruction / images + kl / images,
            TrainReconstruction: reconstruction / images,
            TrainKl: kl / images,
            TestNegElbo: test.NegElbo,
            TestReconstruction: test.Reconstruction,
            TestKl: test.Kl,
            ImagesPerSecond: window.ImagesPerSecond,
            Seconds: window.Seconds,
            LearningRate: _schedule.At(window.EndStep - 1));
    }

    /// <inheritdoc />
    public void DrawLosses(string path, IReadOnlyList<VaeEpochMetrics> metrics) => VaeLossCurve.Save(path, metrics);

    private void SetLearningRate(double rate)
    {
        foreach (var group in _optimizer.ParamGroups)
        {
            group.LearningRate = rate;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _optimizer.Dispose();
        Model.Dispose();
    }
}
