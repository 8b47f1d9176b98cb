namespace Pipeline.Training.PixelCnn;

/// <summary>
/// A data set of grids a PixelCNN is fitted to: grey images as levels (<see cref="PixelGrids"/>) or extracted VQ-VAE-2
/// code grids with their class and condition grids (<c>VqVae2.PriorCodes</c>). <see cref="PixelCnnRecipe"/> trains on
/// either through this one view.
/// </summary>
public interface IPixelCnnGrids
{
    /// <summary>Where the grids come from, for messages.</summary>
    string Source { get; }

    /// <summary>Grids in the set.</summary>
    int Count { get; }

    /// <summary>
    /// The grids at <paramref name="indices"/>, in that order, in the current dispose scope: grid (B, H, W) int64,
    /// labels (B) int64 when the model is class-conditional, condition (B, Hc, Wc) int64 when spatially conditioned.
    /// </summary>
    (Tensor Grid, Tensor? Labels, Tensor? Condition) Gather(IReadOnlyList<int> indices);
}
