namespace Pipeline.Cluster.Jobs;

/// <summary>Where a job stands.</summary>
public enum JobPhase
{
    /// <summary>Shards are being run.</summary>
    Running,

    /// <summary>Every shard is done.</summary>
    Completed,

    /// <summary>The job stopped; <see cref="JobProgress.Error"/> says why.</summary>
    Failed,
}

/// <summary>A snapshot of a job, as a progress bar shows it.</summary>
[GenerateSerializer, Immutable, Alias("Pipeline.Cluster.JobProgress")]
public sealed record JobProgress
{
    /// <summary>The job id.</summary>
    [Id(0)]
    public required string JobId { get; init; }

    /// <summary>Running, completed or failed.</summary>
    [Id(1)]
    public required JobPhase Phase { get; init; }

    /// <summary>Shards in the job.</summary>
    [Id(2)]
    public int TotalShards { get; init; }

    /// <summary>Shards whose outputs are all written.</summary>
    [Id(3)]
    public int DoneShards { get; init; }

    /// <summary>Items (images) in the job.</summary>
    [Id(4)]
    public int TotalItems { get; init; }

    /// <summary>Items written.</summary>
    [Id(5)]
    public int DoneItems { get; init; }

    /// <summary>Shard attempts that were lost (silo stopped or died, refused, failed) and issued again.</summary>
    [Id(6)]
    public int Reissued { get; init; }

    /// <summary>Done shards per silo.</summary>
    [Id(7)]
    public IReadOnlyDictionary<string, int> ShardsPerSilo { get; init; } = new Dictionary<string, int>();

    /// <summary>Why the job failed.</summary>
    [Id(8)]
    public string? Error { get; init; }

    /// <summary>The silo whose activation of the job grain answered: the one driving the job's shards.</summary>
    [Id(9)]
    public string? Driver { get; init; }

    /// <summary>Whether the job has stopped, completed or failed.</summary>
    public bool IsFinished => Phase != JobPhase.Running;

    /// <summary>One line for a console, e.g. "running: 12/40 shards, 3072/10240 images; per silo: a 5, b 7; re-issued 1".</summary>
    public string Describe()
    {
        var perSilo = ShardsPerSilo.Count == 0 ? string.Empty : "; per silo: " + PerSilo();
        var reissued = Reissued > 0 ? $"; re-issued {Reissued}" : string.Empty;
        var error = Error is null ? string.Empty : $": {Error}";
        return $"{Phase.ToString().ToLowerInvariant()}{error}: {DoneShards}/{TotalShards} shards, {DoneItems}/{TotalItems} images{perSilo}{reissued}";
    }

    /// <summary>A progress bar's label, e.g. "12/40 shards (silo A 5, silo B 7), 830 img/s, re-issued 1".</summary>
    public string Describe(double imagesPerSecond)
    {
        var perSilo = ShardsPerSilo.Count == 0 ? string.Empty : $" ({PerSilo()})";
        var reissued = Reissued > 0 ? $", re-issued {Reissued}" : string.Empty;
        return $"{DoneShards}/{TotalShards} shards{perSilo}, {imagesPerSecond:F0} img/s{reissued}";
    }

    private string PerSilo() => string.Join(", ", ShardsPerSilo.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));
}
