namespace Pipeline.Cluster.Jobs;

/// <summary>The job grain's persistent state: the spec and one record per shard, written after every shard.</summary>
[GenerateSerializer, Alias("Pipeline.Cluster.JobState")]
public sealed class JobState
{
    /// <summary>The job.</summary>
    [Id(0)]
    public JobSpec? Spec { get; set; }

    /// <summary>Running, completed or failed.</summary>
    [Id(1)]
    public JobPhase Phase { get; set; }

    /// <summary>One record per shard.</summary>
    [Id(2)]
    public List<ShardRecord> Shards { get; set; } = [];

    /// <summary>Why the job failed.</summary>
    [Id(3)]
    public string? Error { get; set; }

    /// <summary>Shard attempts issued again.</summary>
    [Id(4)]
    public int Reissued { get; set; }
}

/// <summary>What is known of one shard.</summary>
[GenerateSerializer, Alias("Pipeline.Cluster.ShardRecord")]
public sealed class ShardRecord
{
    /// <summary>All its outputs are written.</summary>
    [Id(0)]
    public bool Done { get; set; }

    /// <summary>The silo that completed it.</summary>
    [Id(1)]
    public string? Silo { get; set; }

    /// <summary>Attempts issued so far.</summary>
    [Id(2)]
    public int Attempts { get; set; }

    /// <summary>Files written.</summary>
    [Id(3)]
    public int Files { get; set; }

    /// <summary>Seconds the completing worker spent.</summary>
    [Id(4)]
    public double Seconds { get; set; }
}
