namespace Pipeline.Cli.Options;

/// <summary>
/// The training-loop options every <c>train</c> subcommand shares, each with its guard, so a bad value is refused at
/// parse time in the same words whatever the family. A family picks the ones its loop has and gives its defaults.
/// </summary>
internal static class LoopOptions
{
    /// <summary>--epochs: passes over the training data, at least 1.</summary>
    public static Option<int> Epochs(int defaultValue, string description = "passes over the training set") =>
        new Option<int>("--epochs") { Description = description, DefaultValueFactory = _ => defaultValue }.AtLeast(1);

    /// <summary>--steps as a cap on an epoch-based run: absent, or at least 1.</summary>
    public static Option<long?> MaxSteps() =>
        new Option<long?>("--steps") { Description = "stop after N optimisation steps" }.AtLeastWhenGiven(1);

    /// <summary>--steps of a step-based run, at least 1.</summary>
    public static Option<long> Steps(long defaultValue, string description) =>
        new Option<long>("--steps") { Description = description, DefaultValueFactory = _ => defaultValue }.AtLeast(1);

    /// <summary>--batch-size, at least 1.</summary>
    public static Option<int> BatchSize(int defaultValue, string? description = null) =>
        new Option<int>("--batch-size") { Description = description, DefaultValueFactory = _ => defaultValue }.AtLeast(1);

    /// <summary>--lr: a finite step size above zero.</summary>
    public static Option<double> LearningRate(double defaultValue, string description = "Adam learning rate") =>
        new Option<double>("--lr") { Description = description, DefaultValueFactory = _ => defaultValue }.Positive();

    /// <summary>--checkpoint-every N steps; 0 means the family's natural boundary when <paramref name="minimum"/> is 0.</summary>
    public static Option<int> CheckpointEvery(int defaultValue, string description, int minimum = 0) =>
        new Option<int>("--checkpoint-every") { Description = description, DefaultValueFactory = _ => defaultValue }.AtLeast(minimum);

    /// <summary>--log-every N steps per metrics line; 0 means once per epoch when <paramref name="minimum"/> is 0.</summary>
    public static Option<int> LogEvery(int defaultValue, string description, int minimum = 0) =>
        new Option<int>("--log-every") { Description = description, DefaultValueFactory = _ => defaultValue }.AtLeast(minimum);

    /// <summary>--sample-every N steps between sample pictures; 0 means none when <paramref name="minimum"/> is 0.</summary>
    public static Option<int> SampleEvery(int defaultValue, string description, int minimum = 0) =>
        new Option<int>("--sample-every") { Description = description, DefaultValueFactory = _ => defaultValue }.AtLeast(minimum);

    /// <summary>--log-every, --sample-every and --checkpoint-every of a step-based run, each at least 1.</summary>
    public static LoopCadence Cadence(int logEvery, int sampleEvery, string sampleDescription, int checkpointEvery) => new(
        LogEvery(logEvery, "steps per metrics.jsonl line", minimum: 1), SampleEvery(sampleEvery, sampleDescription, minimum: 1), CheckpointEvery(checkpointEvery, "steps between checkpoints", minimum: 1));
}

/// <summary>How often a step-based run logs, draws samples and checkpoints.</summary>
internal sealed record LoopCadence(Option<int> LogEvery, Option<int> SampleEvery, Option<int> CheckpointEvery)
{
    /// <summary>The three options, in this order.</summary>
    public IEnumerable<Option> All => [LogEvery, SampleEvery, CheckpointEvery];

    /// <summary>Their values.</summary>
    public (int LogEvery, int SampleEvery, int CheckpointEvery) Values(ParseResult r) => (r.GetValue(LogEvery), r.GetValue(SampleEvery), r.GetValue(CheckpointEvery));
}
