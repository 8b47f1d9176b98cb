namespace Pipeline.Cluster.Jobs;

/// <summary>What a batch job does with its model.</summary>
public enum JobKind
{
    /// <summary>Generate images from noise (and class labels) with an exported generator or VAE decoder.</summary>
    Generate,

    /// <summary>Translate image files with an exported translator (role <c>translator</c>).</summary>
    Translate,
}
