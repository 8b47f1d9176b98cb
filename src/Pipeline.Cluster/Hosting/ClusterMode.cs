namespace Pipeline.Cluster.Hosting;

/// <summary>Where the cluster keeps its membership table and job records.</summary>
public enum ClusterMode
{
    /// <summary>Localhost silos sharing a state folder for membership and job records: nothing to install, one machine.</summary>
    Development,

    /// <summary>Redis holds membership and job records: silos on several machines, jobs survive a full restart.</summary>
    Redis,
}
