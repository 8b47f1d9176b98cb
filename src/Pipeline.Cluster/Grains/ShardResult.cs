namespace Pipeline.Cluster.Grains;

/// <summary>How a shard attempt ended.</summary>
public enum ShardOutcome
{
    /// <summary>Every output of the shard was written.</summary>
    Done,

    /// <summary>The silo cannot load the model (missing or unreadable there): another silo may.</summary>
    Refused,

    /// <summary>The model does not fit the job (role, labels): no silo will do better.</summary>
    Misfit,

    /// <summary>The silo is stopping and handed the shard back: re-issue it elsewhere; nothing is wrong with the shard.</summary>
    HandedBack,

    /// <summary>Anything else (an input file missing, an I/O error): worth re-issuing a few times.</summary>
    Failed,
}

/// <summary>The answer of a worker for one shard attempt (errors travel as values, not as exceptions across silos).</summary>
[GenerateSerializer, Immutable, Alias("Pipeline.Cluster.ShardResult")]
public sealed record ShardResult
{
    /// <summary>How it ended.</summary>
    [Id(0)]
    public required ShardOutcome Outcome { get; init; }

    /// <summary>The silo that ran (or refused) it.</summary>
    [Id(1)]
    public required string Silo { get; init; }

    /// <summary>Files written, relative to the job's output folder.</summary>
    [Id(2)]
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>What went wrong, for anything but <see cref="ShardOutcome.Done"/>.</summary>
    [Id(3)]
    public string? Message { get; init; }

    /// <summary>Seconds spent in the worker.</summary>
    [Id(4)]
    public double Seconds { get; init; }
}
