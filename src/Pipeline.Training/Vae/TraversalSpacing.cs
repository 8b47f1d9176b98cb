using System.Text.Json.Serialization;

namespace Pipeline.Training.Vae;

/// <summary>How the traversal grid places its latent values.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TraversalSpacing>))]
public enum TraversalSpacing
{
    /// <summary>Evenly spaced in [−extent, extent].</summary>
    Linear,

    /// <summary>
    /// Evenly spaced quantiles of N(0, 1) mapped through the inverse CDF, so each cell covers equal prior mass:
    /// how Kingma and Welling draw the learned manifold (2014, figure 4).
    /// </summary>
    Quantile,
}
