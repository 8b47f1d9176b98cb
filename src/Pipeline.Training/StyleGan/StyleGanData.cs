using Pipeline.Models.StyleGan;
using Pipeline.Training.Loop;

namespace Pipeline.Training.StyleGan;

/// <summary>
/// The images a StyleGAN2 sees and the images it is judged against. The synthesis doubles a 4×4 constant, so its size
/// is a power of two: smaller images (Fashion-MNIST's 28×28) are centred on a black canvas of the model's size
/// (<see cref="ImageDataset.PadTo"/>) for training, and generated images are cropped back to the data's size for
/// judging, so the project's classifier judges them at the size it was trained on, as it judges every other family.
/// </summary>
public static class StyleGanData
{
    /// <summary>The training images at the model's size (unchanged when they have it); throws naming both shapes when they cannot fit.</summary>
    public static ImageDataset ForTraining(ImageDataset data, StyleGanOptions options)
    {
        var fitted = data.Height <= options.ImageSize && data.Width <= options.ImageSize && (data.Height < options.ImageSize || data.Width < options.ImageSize)
            ? data.PadTo(options.ImageSize, options.ImageSize)
            : data;
        TrainingData.RequireShape(fitted, options.Channels, options.ImageSize, options.ImageSize, "StyleGAN");
        return fitted;
    }

    /// <summary>Generated images (N, C, S, S) cropped at the centre to <paramref name="height"/>×<paramref name="width"/>, the inverse of the padding.</summary>
    public static Tensor CropTo(Tensor images, int height, int width)
    {
        var (h, w) = ((int)images.shape[2], (int)images.shape[3]);
        return h == height && w == width ? images : images.narrow(2, (h - height) / 2, height).narrow(3, (w - width) / 2, width);
    }
}
