namespace Pipeline.Inference.Pictures;

/// <summary>An image file an operation wrote.</summary>
/// <param name="Path">Where it is.</param>
/// <param name="Description">What it shows, e.g. "prior samples".</param>
public sealed record Picture(string Path, string Description);
