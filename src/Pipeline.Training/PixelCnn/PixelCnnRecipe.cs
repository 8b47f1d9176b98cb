using Pipeline.Data;
using Pipeline.Onnx.Sampling;
using Pipeline.Reports;
using Pipeline.Training.Batching;
using Pipeline.Training.Loop;
using Pipeline.Training.Runs;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Pipeline.Training.PixelCnn;

/// <summary>
/// The PixelCNN's training recipe: maximum likelihood, one Adam step on the mean cross-entropy over the 256 levels of
/// every pixel (−log p(x) = −Σᵢ log p(xᵢ | x_&lt;i), van den Oord et al. 2016a, eq. 1, divided by the positions so the
/// step size does not depend on the image size). A metrics line with the exact test bits/dim at each epoch end (or every
/// <see cref="PixelCnnTrainingOptions.LogEverySteps"/>), a checkpoint there too, and optional per-class sample grids.
/// </summary>
public sealed class PixelCnnRecipe : ITrainingRecipe<PixelCnnStepReport, PixelCnnMetrics>, IDisposable
{
    private const int SampleSeed = 1234;

    private readonly PixelCnnRunConfig _config;
    private readonly Device _device;
    private readonly ImageDataset _test;
    private readonly MiniBatchLoader _loader;
    private readonly OptimizerHelper _optimizer;

    public PixelCnnRecipe(PixelCnnRunConfig config, ImageDataset train, ImageDataset test, Device device)
    {
        config.Model.Validate();
        config.Training.Validate();
        var o = config.Model;
        if (o.Input != Models.PixelCnn.PixelCnnInput.Intensity || o.IsSpatiallyConditioned)
        {
            throw new ArgumentException("This recipe trains a PixelCNN over pixels (intensity input, no condition grid); code priors train on extracted codes.");
        }

        TrainingData.RequireShape(train, 1, o.Height, o.Width, "PixelCNN (grey pixels)");
        TrainingData.RequireShape(test, 1, o.Height, o.Width, "PixelCNN (grey pixels)");
        if (o.IsClassConditional && (train.ClassCount > o.ClassCount || test.ClassCount > o.ClassCount))
        {
            throw new ArgumentException($"{train.Source}: {train.ClassCount} classes, but the PixelCNN is built for {o.ClassCount}.");
        }

        _config = config;
        _device = device;
        _test = test;
        var t = config.Training;
        random.manual_seed(t.Seed);   // initial weights
        Net = new Models.PixelCnn.PixelCnn(o);
        Net.to(device);
        _optimizer = optim.Adam(Net.parameters(), t.LearningRate);
        _loader = new MiniBatchLoader(train, t.BatchSize, t.Seed, device);
        TotalSteps = Math.Min((long)t.Epochs * _loader.BatchesPerEpoch, t.MaxSteps ?? long.MaxValue);
        Modules = [(TrainedPixelCnn.ModuleName, Net)];
        Optimizers = [("adam", _optimizer)];
        Cadence = new TrainingCadence(
            LogEvery: t.LogEverySteps > 0 ? t.LogEverySteps : _loader.BatchesPerEpoch,
            CheckpointEvery: t.CheckpointEverySteps,
            CheckpointAtLogs: true,
            SampleEvery: t.SampleEverySteps);
    }

    /// <summary>The network being trained.</summary>
    public Models.PixelCnn.PixelCnn Net { get; }

    /// <inheritdoc />
    public string Kind => PixelCnnRunConfig.RunKind;

    /// <inheritdoc />
    public long TotalSteps { get; }

    /// <inheritdoc />
    public IReadOnlyList<(string Name, nn.Module Module)> Modules { get; }

    /// <inheritdoc />
    public IReadOnlyList<(string Name, OptimizerHelper Optimizer)> Optimizers { get; }

    /// <inheritdoc />
    public TrainingCadence Cadence { get; }

    /// <summary>One Adam step on the mean −log p per position of batch <paramref name="step"/> (no noise: the step is a function of its batch and the weights).</summary>
    public PixelCnnStepReport Step(long step)
    {
        using var scope = NewDisposeScope();
        var (images, labels) = _loader.Gather(_loader.Batch(step));                  // (B, 1, H, W), (B)
        var grid = PixelCnnLikelihood.Grid(_config.Model, images);                    // (B, H, W) levels
        _optimizer.zero_grad();
        var logits = Net.call(grid, _config.Model.IsClassConditional ? labels : null, null); // (B, 256, H, W)
        var loss = PixelCnnLikelihood.MeanNatsPerPosition(logits, grid);
        loss.backward();
        _optimizer.step();
        return new PixelCnnStepReport(loss.item<float>(), (int)images.shape[0]);
    }

    /// <inheritdoc />
    public double EpochOf(long steps) => (double)steps / _loader.BatchesPerEpoch;

    /// <summary>The window's image-weighted training loss beside the exact test −log p(x) over the whole test set.</summary>
    public PixelCnnMetrics Summarise(StepWindow<PixelCnnStepReport> window)
    {
        var bits = window.Steps.Sum(s => s.BitsPerDimension * s.Images) / window.Images;
        var test = PixelCnnEvaluator.Evaluate(Net, _test, _device);
        return new PixelCnnMetrics(EpochOf(window.EndStep), window.EndStep, bits, test.BitsPerDimension, test.NatsPerGrid, test.Grids, window.ImagesPerSecond, window.Seconds);
    }

    /// <summary>One sample per class (ten unconditional samples), the same seeds every time, as images/step-NNNNNN.png.</summary>
    public void SaveSamples(RunFolder run, long steps)
    {
        var o = _config.Model;
        var count = o.IsClassConditional ? o.ClassCount : 10;
        var (pixels, _) = PixelCnnImagery.Sample(Net, count, null, SampleSeed, new CategoricalSampling(), _device);
        ImageGrid.SavePng(run.File("images", $"step-{steps:D6}.png"), pixels, count, 1, o.Height, o.Width, count);
    }

    /// <inheritdoc />
    public void DrawLosses(string path, IReadOnlyList<PixelCnnMetrics> metrics) => PixelCnnLossCurve.Save(path, metrics);

    /// <inheritdoc />
    public void Dispose()
    {
        _optimizer.Dispose();
        Net.Dispose();
    }
}
