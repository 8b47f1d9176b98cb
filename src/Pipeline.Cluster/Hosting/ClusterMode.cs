namespace Pipeline.Cluster.Hosting;

/// <summary>Where the cluster keeps its membership table and job records.</summary>
public enum ClusterMode
{
    /// <summary>Localhost clustering and in-memory job records: nothing to install, one machine, lost on restart.</summary>
    Development,

    /// <summary>Redis holds membership and job records: silos on several machines, jobs survive a full restart.</summary>
    Redis,
}
