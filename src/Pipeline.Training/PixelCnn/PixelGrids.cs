using Pipeline.Models.PixelCnn;
using Pipeline.Training.Batching;
using Pipeline.Training.Loop;

namespace Pipeline.Training.PixelCnn;

/// <summary>Grey images as the grids of a PixelCNN over pixels: each image's levels, and its class when the model is class-conditional.</summary>
public sealed class PixelGrids : IPixelCnnGrids
{
    private readonly PixelCnnOptions _options;
    private readonly MiniBatchLoader _loader;

    /// <exception cref="ArgumentException">The images do not have the model's shape, or more classes than it was built for.</exception>
    public PixelGrids(ImageDataset data, PixelCnnOptions options, Device device)
    {
        TrainingData.RequireShape(data, 1, options.Height, options.Width, "PixelCNN (grey pixels)");
        if (options.IsClassConditional && data.ClassCount > options.ClassCount)
        {
            throw new ArgumentException($"{data.Source}: {data.ClassCount} classes, but the PixelCNN is built for {options.ClassCount}.");
        }

        _options = options;
        _loader = new MiniBatchLoader(data, 1, 0, device, shuffle: false);
        Source = data.Source;
        Count = data.Count;
    }

    /// <inheritdoc />
    public string Source { get; }

    /// <inheritdoc />
    public int Count { get; }

    /// <inheritdoc />
    public (Tensor Grid, Tensor? Labels, Tensor? Condition) Gather(IReadOnlyList<int> indices)
    {
        var (images, labels) = _loader.Gather(indices);                                   // (B, 1, H, W), (B)
        return (PixelCnnLikelihood.Grid(_options, images), _options.IsClassConditional ? labels : null, null);
    }
}
