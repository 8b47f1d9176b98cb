using Pipeline.Reports;

namespace Pipeline.Training.Gans;

/// <summary>
/// The latents and labels a GAN run draws its progress pictures from: drawn once from the run's seed in the layout of
/// <see cref="GanSampling.FixedGrid(int, int, int, Device, int)"/>, so that every picture of a run shows the same z and
/// a resumed run shows what the uninterrupted one would have.
/// </summary>
public sealed class FixedSampleGrid : IDisposable
{
    /// <summary>Draws the grid (one row per class when <paramref name="classCount"/> &gt; 0) on <paramref name="device"/>.</summary>
    public FixedSampleGrid(int classCount, int latentSize, int seed, Device device)
    {
        (Z, Labels, Columns) = GanSampling.FixedGrid(classCount, latentSize, seed, device);
        Z.DetachFromDisposeScope();
        Labels.DetachFromDisposeScope();
    }

    /// <summary>The latents, (N, Z).</summary>
    public Tensor Z { get; }

    /// <summary>The class of each cell, (N); all zeros for an unconditional model.</summary>
    public Tensor Labels { get; }

    /// <summary>Cells per row.</summary>
    public int Columns { get; }

    /// <summary>Cells in the grid, N.</summary>
    public int Count => (int)Z.shape[0];

    /// <summary>images/step-NNNNNN.png of <paramref name="run"/>, where the grid after <paramref name="steps"/> steps goes.</summary>
    public static string StepFile(RunFolder run, long steps) => run.File("images", $"step-{steps:D6}.png");

    /// <summary>Saves the generator's images of this grid, (N, C, S, S) pixels in [0, 1], as one PNG.</summary>
    public void SavePng(string path, float[] pixels, int channels, int imageSize) =>
        ImageGrid.SavePng(path, pixels, Count, channels, imageSize, imageSize, Columns);

    /// <inheritdoc />
    public void Dispose()
    {
        Z.Dispose();
        Labels.Dispose();
    }
}
