namespace Pipeline.Training.PixelCnn;

/// <summary>How a PixelCNN is fitted by maximum likelihood.</summary>
/// <param name="Epochs">Passes over the training set.</param>
/// <param name="MaxSteps">Stop after this many steps even mid-epoch (quick runs, tests, a wall-time budget).</param>
/// <param name="BatchSize">Images per Adam step; 32 keeps a step near a second for the 28×28 preset on two cores.</param>
/// <param name="LearningRate">Adam's step size (1e-3; van den Oord et al. 2016a trained with RMSProp, Adam is the usual choice since).</param>
/// <param name="Seed">Fixes initial weights and the data order of every epoch.</param>
/// <param name="LogEverySteps">Steps per metrics line, each with the test bits/dim; 0 logs at every epoch end.</param>
/// <param name="CheckpointEverySteps">Also checkpoint every N steps; 0 checkpoints at log lines only.</param>
/// <param name="SampleEverySteps">Steps between sample grids (one image per class) in images/; 0 for none (ancestral sampling costs one forward pass per pixel).</param>
/// <param name="ClassDropout">
/// Share of training grids whose class is replaced by the "no class" label (the model needs
/// <see cref="Models.PixelCnn.PixelCnnOptions.UnconditionalLabel"/>), so that the network also learns p(x) and sampling
/// can use classifier-free guidance; Ho &amp; Salimans (2022) drop 10–20%. 0 trains the class-conditional model only.
/// </param>
public sealed record PixelCnnTrainingOptions(
    int Epochs = 10,
    long? MaxSteps = null,
    int BatchSize = 32,
    double LearningRate = 1e-3,
    int Seed = 0,
    int LogEverySteps = 0,
    int CheckpointEverySteps = 0,
    int SampleEverySteps = 0,
    double ClassDropout = 0)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        Require(Epochs >= 1, nameof(Epochs), $"at least 1, got {Epochs}");
        Require(MaxSteps is null or >= 1, nameof(MaxSteps), $"at least 1 when set, got {MaxSteps}");
        Require(BatchSize >= 1, nameof(BatchSize), $"at least 1, got {BatchSize}");
        Require(LearningRate > 0, nameof(LearningRate), $"positive, got {LearningRate}");
        Require(LogEverySteps >= 0 && CheckpointEverySteps >= 0 && SampleEverySteps >= 0, nameof(LogEverySteps),
            $"0 or more, got {LogEverySteps}, {CheckpointEverySteps}, {SampleEverySteps}");
        Require(ClassDropout is >= 0 and < 1, nameof(ClassDropout), $"in [0, 1), got {ClassDropout}");
    }

    private static void Require(bool condition, string name, string expectation)
    {
        if (!condition)
        {
            throw new ArgumentException($"PixelCNN training option {name} must be {expectation}.", name);
        }
    }
}
