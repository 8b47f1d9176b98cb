using Pipeline.Onnx.Sampling;
using Pipeline.Reports;
using Pipeline.Training.Batching;
using Pipeline.Training.Loop;
using TorchSharp.Modules;

namespace Pipeline.Training.PixelCnn;

/// <summary>
/// The PixelCNN's training recipe: maximum likelihood, one Adam step on the mean cross-entropy over the K levels of
/// every position (−log p(x) = −Σᵢ log p(xᵢ | x_&lt;i), van den Oord et al. 2016a, eq. 1, divided by the positions so the
/// step size does not depend on the grid size). A metrics line with the exact test bits/dim at each epoch end (or every
/// <see cref="PixelCnnTrainingOptions.LogEverySteps"/>), a checkpoint there too, and optional sample grids. The grids
/// are pixels (<see cref="PixelGrids"/>) or VQ-VAE-2 code grids (the priors): the recipe sees only <see cref="IPixelCnnGrids"/>.
/// </summary>
public sealed class PixelCnnRecipe : ITrainingRecipe<PixelCnnStepReport, PixelCnnMetrics>, IDisposable
{
    /// <summary>The network's name in checkpoints, shared with the loaders of trained runs (PixelCNNs and VQ-VAE-2 priors).</summary>
    public const string CheckpointName = "pixelcnn";

    private const int SampleSeed = 1234;

    private readonly IPixelCnnGrids _train;
    private readonly IPixelCnnGrids _test;
    private readonly BatchOrder _order;
    private readonly OptimizerHelper _optimizer;
    private readonly Action<Models.PixelCnn.PixelCnn, RunFolder, long>? _samples;
    private readonly string _position;
    private readonly PixelCnnTrainingOptions _training;

    /// <summary>A PixelCNN over the grey pixels of <paramref name="train"/>, with per-class sample grids when asked for.</summary>
    public PixelCnnRecipe(PixelCnnRunConfig config, ImageDataset train, ImageDataset test, Device device)
        : this(RequirePixels(config.Model), config.Training, new PixelGrids(train, config.Model, device), new PixelGrids(test, config.Model, device), device,
            PixelCnnRunConfig.RunKind, (net, run, steps) => SavePixelSamples(net, run, steps, device))
    {
    }

    /// <summary>
    /// A PixelCNN of options <paramref name="model"/> over any grids; checkpoints carry <paramref name="kind"/>;
    /// <paramref name="samples"/> draws the periodic samples (none when null).
    /// </summary>
    public PixelCnnRecipe(Models.PixelCnn.PixelCnnOptions model, PixelCnnTrainingOptions training, IPixelCnnGrids train, IPixelCnnGrids test, Device device,
        string kind, Action<Models.PixelCnn.PixelCnn, RunFolder, long>? samples = null)
    {
        model.Validate();
        training.Validate();
        if (training.ClassDropout > 0 && !model.UnconditionalLabel)
        {
            throw new ArgumentException($"Class dropout {training.ClassDropout} needs a model with the \"no class\" label ({nameof(model.UnconditionalLabel)}).", nameof(training));
        }

        _train = train;
        _test = test;
        _samples = samples;
        _position = model.Input == Models.PixelCnn.PixelCnnInput.Embedding ? PixelCnnStepReport.Code : PixelCnnStepReport.Pixel;
        Kind = kind;
        _training = training;
        var t = training;
        random.manual_seed(t.Seed);   // initial weights
        Net = new Models.PixelCnn.PixelCnn(model);
        Net.to(device);
        _optimizer = optim.Adam(Net.parameters(), t.LearningRate);
        _order = new BatchOrder(train.Count, t.BatchSize, t.Seed);
        TotalSteps = TrainingCadence.EpochSteps(t.Epochs, _order.BatchesPerEpoch, t.MaxSteps);
        Modules = [(CheckpointName, Net)];
        Optimizers = [("adam", _optimizer)];
        Cadence = new TrainingCadence(
            LogEvery: t.LogEverySteps > 0 ? t.LogEverySteps : _order.BatchesPerEpoch,
            CheckpointEvery: t.CheckpointEverySteps,
            CheckpointAtLogs: true,
            SampleEvery: samples is null ? 0 : t.SampleEverySteps);
    }

    /// <summary>The network being trained.</summary>
    public Models.PixelCnn.PixelCnn Net { get; }

    /// <inheritdoc />
    public string Kind { get; }

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
        var (grid, labels, condition) = _train.Gather(_order.Batch(step));          // (B, H, W) [+ (B)] [+ (B, Hc, Wc)]
        labels = DropClasses(labels, step);
        _optimizer.zero_grad();
        var logits = Net.call(grid, labels, condition);                                // (B, K, H, W)
        var loss = PixelCnnLikelihood.MeanNatsPerPosition(logits, grid);
        loss.backward();
        _optimizer.step();
        return new PixelCnnStepReport(loss.item<float>(), (int)grid.shape[0], _position);
    }

    // The dropped grids are drawn from the run's seed and the step, so a resumed run drops the same ones.
    private Tensor? DropClasses(Tensor? labels, long step)
    {
        if (labels is null || _training.ClassDropout == 0)
        {
            return labels;
        }

        using var generator = new Generator((ulong)(_training.Seed * 1_000_003L + step));
        var dropped = rand(labels.shape, generator: generator).to(labels.device) < _training.ClassDropout;
        return labels.masked_fill(dropped, Net.Options.ClassCount);
    }

    /// <inheritdoc />
    public double EpochOf(long steps) => (double)steps / _order.BatchesPerEpoch;

    /// <summary>The window's grid-weighted training loss beside the exact test −log p(x) over the whole test set.</summary>
    public PixelCnnMetrics Summarise(StepWindow<PixelCnnStepReport> window)
    {
        var bits = window.Steps.Sum(s => s.BitsPerDimension * s.Images) / window.Images;
        var test = PixelCnnEvaluator.Evaluate(Net, _test);
        return new PixelCnnMetrics(EpochOf(window.EndStep), window.EndStep, bits, test.BitsPerDimension, test.NatsPerGrid, test.Grids, window.ImagesPerSecond, window.Seconds);
    }

    /// <inheritdoc />
    public void SaveSamples(RunFolder run, long steps) => _samples?.Invoke(Net, run, steps);

    /// <summary>One sample per class (ten unconditional samples), the same seeds every time, as images/step-NNNNNN.png.</summary>
    private static void SavePixelSamples(Models.PixelCnn.PixelCnn net, RunFolder run, long steps, Device device)
    {
        var o = net.Options;
        var count = o.IsClassConditional ? o.ClassCount : 10;
        var (pixels, _) = PixelCnnImagery.Sample(net, count, null, SampleSeed, new CategoricalSampling(), device);
        ImageGrid.SavePng(run.File("images", $"step-{steps:D6}.png"), pixels, count, 1, o.Height, o.Width, count);
    }

    private static Models.PixelCnn.PixelCnnOptions RequirePixels(Models.PixelCnn.PixelCnnOptions o) =>
        o.Input != Models.PixelCnn.PixelCnnInput.Intensity || o.IsSpatiallyConditioned
            ? throw new ArgumentException("This recipe trains a PixelCNN over pixels (intensity input, no condition grid); code priors train on extracted codes.")
            : o;

    /// <inheritdoc />
    public void DrawLosses(string path, IReadOnlyList<PixelCnnMetrics> metrics) => PixelCnnLossCurve.Save(path, metrics, _position);

    /// <inheritdoc />
    public void Dispose()
    {
        _optimizer.Dispose();
        Net.Dispose();
    }
}
