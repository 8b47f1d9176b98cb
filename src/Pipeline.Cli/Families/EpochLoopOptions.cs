namespace Pipeline.Cli.Families;

/// <summary>
/// The loop options of an epoch-based <c>train</c> subcommand (a PixelCNN, a VQ-VAE-2 and its priors), each with its
/// <see cref="LoopOptions"/> guard; a metrics line (and a checkpoint) at every epoch end unless --log-every says otherwise.
/// </summary>
internal sealed class EpochLoopOptions(int epochs, int batchSize, double learningRate, string logEvery, string epochsDescription = "passes over the training set")
{
    public Option<int> Epochs { get; } = LoopOptions.Epochs(epochs, epochsDescription);

    public Option<long?> Steps { get; } = LoopOptions.MaxSteps();

    public Option<int> BatchSize { get; } = LoopOptions.BatchSize(batchSize);

    public Option<double> LearningRate { get; } = LoopOptions.LearningRate(learningRate);

    public Option<int> LogEvery { get; } = LoopOptions.LogEvery(0, logEvery);

    public Option<int> CheckpointEvery { get; } = LoopOptions.CheckpointEvery(0, "also checkpoint every N steps (0: at metrics lines)");

    public IEnumerable<Option> All => [Epochs, Steps, BatchSize, LearningRate, LogEvery, CheckpointEvery];

    /// <summary>The values given, in the order the families' training records take them.</summary>
    public (int Epochs, long? MaxSteps, int BatchSize, double LearningRate, int LogEvery, int CheckpointEvery) Read(ParseResult r) =>
        (r.GetValue(Epochs), r.GetValue(Steps), r.GetValue(BatchSize), r.GetValue(LearningRate), r.GetValue(LogEvery), r.GetValue(CheckpointEvery));
}
