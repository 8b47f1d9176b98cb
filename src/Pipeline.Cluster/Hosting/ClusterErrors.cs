namespace Pipeline.Cluster.Hosting;

/// <summary>No silo of the cluster answered.</summary>
public sealed class ClusterUnreachableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>No job has this id in the cluster's job storage.</summary>
public sealed class UnknownJobException(string jobId, string where)
    : Exception($"No job '{jobId}' in the cluster ({where}). Job ids are printed by `cluster run`; in development mode jobs are kept in the silos' state folder (--state-dir), so a client must name the same cluster id, service id and state folder as the silos.")
{
    /// <summary>The id asked for.</summary>
    public string JobId { get; } = jobId;
}

/// <summary>A job was refused at submission or failed while running.</summary>
public sealed class ClusterJobException(string jobId, string error) : Exception($"Job '{jobId}': {error}")
{
    /// <summary>The job's id.</summary>
    public string JobId { get; } = jobId;

    /// <summary>Why it failed.</summary>
    public string Error { get; } = error;
}

/// <summary>
/// A job that cannot be built as asked (a model without the job's role, labels it does not have, an input folder
/// without images...), found on the client before anything is submitted: the caller's mistake. The <c>pipeline</c>
/// command reports it as a usage error (exit code 2).
/// </summary>
public sealed class InvalidJobException(string message) : ArgumentException(message);
