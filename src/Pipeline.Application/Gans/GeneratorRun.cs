using Pipeline.Data;
using Pipeline.Inference.Pictures;
using Pipeline.Training;
using Pipeline.Training.Gans;

namespace Pipeline.Application.Gans;

/// <summary>
/// A GAN run as its latent pictures need it: the run folder, its generator, the size it draws at and the training
/// images, read only by the picture that needs them (the neighbours), not by every walk.
/// </summary>
internal sealed record GeneratorRun(RunFolder Run, LatentGenerator Generator, (int C, int H, int W) ImageShape, Func<ImageDataset> Train)
{
    /// <summary>A grid of <paramref name="count"/> images in <paramref name="columns"/> columns, written to <paramref name="path"/>.</summary>
    public Picture Save(float[] pixels, int count, int columns, string path, string description) =>
        PictureGrids.Save(path, pixels, count, ImageShape, columns, description);
}
