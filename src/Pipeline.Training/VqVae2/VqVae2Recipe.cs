using Pipeline.Models.VqVae2;
using Pipeline.Training.Batching;
using Pipeline.Training.Loop;
using TorchSharp.Modules;

namespace Pipeline.Training.VqVae2;

/// <summary>
/// The VQ-VAE-2 recipe (Razavi et al. 2019, algorithm 1; van den Oord et al. 2017, eq. 3 with the EMA codebook of
/// appendix A.1): one Adam step on ‖x − D(e)‖² + β Σ_levels ‖z − sg(e)‖², the codebooks moving by their moving
/// averages inside the forward. A metrics line (test MSE, PSNR, usage and perplexity per level) every epoch or
/// <see cref="VqVae2TrainingOptions.LogEverySteps"/>, with a checkpoint: the codebooks are buffers of the model, so a
/// checkpoint carries them and a resumed run repeats the uninterrupted one exactly.
/// </summary>
public sealed class VqVae2Recipe : ITrainingRecipe<VqVae2StepReport, VqVae2Metrics>, IDisposable
{
    /// <summary>The model's name in checkpoints, shared with the loader of trained runs.</summary>
    public const string CheckpointName = "vqvae2";

    private readonly VqVae2RunConfig _config;
    private readonly Device _device;
    private readonly ImageDataset _test;
    private readonly MiniBatchLoader _loader;
    private readonly OptimizerHelper _optimizer;

    public VqVae2Recipe(VqVae2RunConfig config, ImageDataset train, ImageDataset test, Device device)
    {
        config.Model.Validate();
        config.Training.Validate();
        var o = config.Model;
        TrainingData.RequireShape(train, o.Channels, o.ImageSize, o.ImageSize, "VQ-VAE-2");
        TrainingData.RequireShape(test, o.Channels, o.ImageSize, o.ImageSize, "VQ-VAE-2");

        _config = config;
        _device = device;
        var t = config.Training;
        _test = t.EvaluationImages is { } n && n < test.Count ? test.Take(n) : test;
        random.manual_seed(t.Seed);                          // initial weights and codebooks
        Model = VqVae2Autoencoder.Create(o);
        Model.to(device);
        _optimizer = optim.Adam(Model.parameters(), t.LearningRate);
        _loader = new MiniBatchLoader(train, t.BatchSize, t.Seed, device);
        TotalSteps = TrainingCadence.EpochSteps(t.Epochs, _loader.BatchesPerEpoch, t.MaxSteps);
        Modules = [(CheckpointName, Model)];
        Optimizers = [("adam", _optimizer)];
        Cadence = new TrainingCadence(LogEvery: t.LogEverySteps > 0 ? t.LogEverySteps : _loader.BatchesPerEpoch,
            CheckpointEvery: t.CheckpointEverySteps, CheckpointAtLogs: true);
    }

    /// <summary>The model being trained.</summary>
    public VqVae2Autoencoder Model { get; }

    /// <inheritdoc />
    public string Kind => VqVae2RunConfig.RunKind;

    /// <inheritdoc />
    public long TotalSteps { get; }

    /// <inheritdoc />
    public IReadOnlyList<(string Name, nn.Module Module)> Modules { get; }

    /// <inheritdoc />
    public IReadOnlyList<(string Name, OptimizerHelper Optimizer)> Optimizers { get; }

    /// <inheritdoc />
    public TrainingCadence Cadence { get; }

    /// <summary>One Adam step on batch <paramref name="step"/>: reconstruction MSE plus the commitment loss of both levels.</summary>
    public VqVae2StepReport Step(long step)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(StepSeeds.For(_config.Training.Seed, step));   // which encoder outputs restart dead codes
        var images = _loader.Gather(_loader.Batch(step)).Images;          // (B, C, H, W)

        _optimizer.zero_grad();
        var (reconstruction, commitment, _, _) = Model.call(images);       // EMA codebook update happens here
        var mse = nn.functional.mse_loss(reconstruction, images);
        var loss = mse + commitment;
        loss.backward();
        _optimizer.step();
        return new VqVae2StepReport(loss.item<float>(), mse.item<float>(), commitment.item<float>(), (int)images.shape[0]);
    }

    /// <inheritdoc />
    public double EpochOf(long steps) => (double)steps / _loader.BatchesPerEpoch;

    /// <summary>The window's image-weighted training terms beside the test set's MSE, PSNR and codebook use.</summary>
    public VqVae2Metrics Summarise(StepWindow<VqVae2StepReport> window)
    {
        var (mse, commitment) = (0.0, 0.0);
        foreach (var s in window.Steps)
        {
            mse += s.Mse * s.Images;
            commitment += s.Commitment * s.Images;
        }

        var test = VqVae2Evaluator.Evaluate(Model, _test, _device);
        return new VqVae2Metrics(EpochOf(window.EndStep), window.EndStep, mse / window.Images, commitment / window.Images,
            test.Mse, test.Psnr, test.Top, test.Bottom, window.ImagesPerSecond, window.Seconds);
    }

    /// <summary>Not finite: the run stops and keeps the last good checkpoint.</summary>
    public Divergence? CheckDivergence(VqVae2StepReport report) =>
        double.IsFinite(report.Loss) ? null : new Divergence($"the loss is {report.Loss} (MSE {report.Mse}, commitment {report.Commitment})", "lower --lr");

    /// <inheritdoc />
    public void DrawLosses(string path, IReadOnlyList<VqVae2Metrics> metrics) => VqVae2LossCurve.Save(path, metrics);

    /// <inheritdoc />
    public void Dispose()
    {
        _optimizer.Dispose();
        Model.Dispose();
    }
}
