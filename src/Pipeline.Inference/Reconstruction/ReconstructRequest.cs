namespace Pipeline.Inference.Reconstruction;

/// <summary>What <see cref="ExportedModelOperations.Reconstruct"/> is asked to do.</summary>
/// <param name="Model">An export folder with an encoder and a decoder (a VAE, or a VQ-VAE-2).</param>
/// <param name="Count">How many Fashion-MNIST test images go through the pipeline.</param>
/// <param name="Output">
/// The PNG of originals (odd rows) and reconstructions (even rows); null: <c>NAME-reconstructions.png</c> in the current
/// directory, never inside the (possibly committed) export folder.
/// </param>
public sealed record ReconstructRequest(string Model, int Count, string? Output = null)
{
    /// <summary>Images drawn in the grid (the first ones); null: all <see cref="Count"/>.</summary>
    public int? Shown { get; init; }

    /// <summary>Where the test images are written as PNGs for <c>LoadImages</c> and kept; null: a temporary folder, removed after.</summary>
    public string? ImageFolder { get; init; }
}
