using System.Linq.Expressions;

namespace Pipeline.Application.Settings;

/// <summary>
/// The training-loop settings every family shares, each with its rule, so a bad value is refused in the same words
/// whatever the family. A family picks the ones its loop has; its record gives the defaults.
/// </summary>
public static class LoopSettings
{
    /// <summary>--epochs: passes over the training data, at least 1.</summary>
    public static Setting<int> Epochs<TRecord>(this RecordSettings<TRecord> s, Expression<Func<TRecord, int>> property, string description = "passes over the training set")
        where TRecord : class =>
        s.Set("--epochs", property, description, SettingRules.AtLeast(1));

    /// <summary>--steps as a cap on an epoch-based run: absent, or at least 1.</summary>
    public static Setting<long?> MaxSteps<TRecord>(this RecordSettings<TRecord> s, Expression<Func<TRecord, long?>> property)
        where TRecord : class =>
        s.Set("--steps", property, "stop after N optimisation steps", SettingRules.WhenGiven(SettingRules.AtLeast(1L)));

    /// <summary>--steps of a step-based run, at least 1.</summary>
    public static Setting<long> Steps<TRecord>(this RecordSettings<TRecord> s, Expression<Func<TRecord, long>> property, string description)
        where TRecord : class =>
        s.Set("--steps", property, description, SettingRules.AtLeast(1L));

    /// <summary>--batch-size, at least <paramref name="minimum"/>.</summary>
    public static Setting<int> BatchSize<TRecord>(this RecordSettings<TRecord> s, Expression<Func<TRecord, int>> property, string? description = null, int minimum = 1)
        where TRecord : class =>
        s.Set("--batch-size", property, description, SettingRules.AtLeast(minimum));

    /// <summary>--lr: a finite step size above zero.</summary>
    public static Setting<double> LearningRate<TRecord>(this RecordSettings<TRecord> s, Expression<Func<TRecord, double>> property, string description = "Adam learning rate")
        where TRecord : class =>
        s.Set("--lr", property, description, SettingRules.Positive);

    /// <summary>--log-every N steps per metrics line; 0 means once per epoch when <paramref name="minimum"/> is 0.</summary>
    public static Setting<int> LogEvery<TRecord>(this RecordSettings<TRecord> s, Expression<Func<TRecord, int>> property, string description, int minimum = 0)
        where TRecord : class =>
        s.Set("--log-every", property, description, SettingRules.AtLeast(minimum));

    /// <summary>--sample-every N steps between sample pictures; 0 means none when <paramref name="minimum"/> is 0.</summary>
    public static Setting<int> SampleEvery<TRecord>(this RecordSettings<TRecord> s, Expression<Func<TRecord, int>> property, string description, int minimum = 0)
        where TRecord : class =>
        s.Set("--sample-every", property, description, SettingRules.AtLeast(minimum));

    /// <summary>--checkpoint-every N steps; 0 means the family's natural boundary when <paramref name="minimum"/> is 0.</summary>
    public static Setting<int> CheckpointEvery<TRecord>(this RecordSettings<TRecord> s, Expression<Func<TRecord, int>> property, string description, int minimum = 0)
        where TRecord : class =>
        s.Set("--checkpoint-every", property, description, SettingRules.AtLeast(minimum));

    /// <summary>--log-every, --sample-every and --checkpoint-every of a step-based run, each at least 1.</summary>
    public static Setting[] Cadence<TRecord>(this RecordSettings<TRecord> s, Expression<Func<TRecord, int>> logEvery,
        Expression<Func<TRecord, int>> sampleEvery, string sampleDescription, Expression<Func<TRecord, int>> checkpointEvery)
        where TRecord : class =>
        [s.LogEvery(logEvery, "steps per metrics.jsonl line", 1), s.SampleEvery(sampleEvery, sampleDescription, 1), s.CheckpointEvery(checkpointEvery, "steps between checkpoints", 1)];
}
