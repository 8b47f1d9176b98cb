using System.Globalization;

namespace Pipeline.Data;

/// <summary>
/// Labelled images held in memory as planar CHW float32 values in [0, 1], one image after another.
/// </summary>
/// <example>
/// <code>
/// ImageDataset test = FashionMnist.Load(DataSplit.Test).Take(256);
/// ReadOnlySpan&lt;float&gt; first = test.Image(0); // 1 x 28 x 28 values
/// string name = test.ClassNames[test.Labels[0]];
/// </code>
/// </example>
public sealed class ImageDataset
{
    /// <summary>Wraps the given arrays without copying them.</summary>
    /// <param name="pixels">
    /// <c>count * channels * height * width</c> values, planar CHW per image. Values are expected in [0, 1];
    /// they are not checked, so that generator output can be wrapped as it is.
    /// </param>
    /// <param name="labels">One label per image, each in [0, <paramref name="classCount"/>).</param>
    /// <param name="channels">Channels per image, e.g. 1 for grey, 3 for RGB.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="classCount">The number of classes.</param>
    /// <param name="source">Where the images came from, for messages and run configurations.</param>
    /// <param name="classNames">One name per class; <c>"0"</c> to <c>"K-1"</c> when null.</param>
    /// <exception cref="ArgumentException">A size is not positive, the lengths disagree, or a label is out of range.</exception>
    public ImageDataset(
        float[] pixels,
        int[] labels,
        int channels,
        int height,
        int width,
        int classCount,
        string source,
        IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(source);
        RequirePositive(channels, nameof(channels));
        RequirePositive(height, nameof(height));
        RequirePositive(width, nameof(width));
        RequirePositive(classCount, nameof(classCount));

        long pixelsPerImage = (long)channels * height * width;
        long expectedPixels = pixelsPerImage * labels.Length;
        if (pixels.LongLength != expectedPixels)
        {
            throw new ArgumentException(
                $"Expected {expectedPixels} pixel values ({labels.Length} labels x {channels}x{height}x{width}), found {pixels.Length}.",
                nameof(pixels));
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
            {
                throw new ArgumentException(
                    $"Label at index {i} is {labels[i]}, outside [0, {classCount}).", nameof(labels));
            }
        }

        if (classNames is not null && classNames.Count != classCount)
        {
            throw new ArgumentException(
                $"Expected {classCount} class names (one per class), found {classNames.Count}.", nameof(classNames));
        }

        Pixels = pixels;
        Labels = labels;
        Channels = channels;
        Height = height;
        Width = width;
        ClassCount = classCount;
        PixelsPerImage = (int)pixelsPerImage;
        Source = source;
        ClassNames = Array.AsReadOnly(classNames?.ToArray() ?? DefaultClassNames(classCount));
    }

    /// <summary>All pixel values, <see cref="Count"/> images of <see cref="PixelsPerImage"/> values each, planar CHW.</summary>
    public float[] Pixels { get; }

    /// <summary>One label per image, each in [0, <see cref="ClassCount"/>).</summary>
    public int[] Labels { get; }

    /// <summary>The number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>Channels per image.</summary>
    public int Channels { get; }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>The number of classes.</summary>
    public int ClassCount { get; }

    /// <summary><see cref="Channels"/> x <see cref="Height"/> x <see cref="Width"/>.</summary>
    public int PixelsPerImage { get; }

    /// <summary>Where the images came from, for messages and run configurations.</summary>
    public string Source { get; }

    /// <summary>One name per class, indexed by label.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>A copy holding the first <paramref name="count"/> images, or all of them if there are fewer.</summary>
    /// <param name="count">How many images to keep; must not be negative.</param>
    public ImageDataset Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int kept = Math.Min(count, Count);
        return new ImageDataset(
            Pixels.AsSpan(0, kept * PixelsPerImage).ToArray(),
            Labels.AsSpan(0, kept).ToArray(),
            Channels,
            Height,
            Width,
            ClassCount,
            Source,
            ClassNames);
    }

    /// <summary>
    /// A copy with every image centred on a <paramref name="height"/> × <paramref name="width"/> canvas of
    /// <paramref name="fill"/>: how 28×28 Fashion-MNIST becomes the 32×32 a generator that doubles 4 → 8 → 16 → 32 needs.
    /// </summary>
    /// <param name="height">the new height, at least <see cref="Height"/></param>
    /// <param name="width">the new width, at least <see cref="Width"/></param>
    /// <param name="fill">the value of the added border (0: Fashion-MNIST's black background)</param>
    public ImageDataset PadTo(int height, int width, float fill = 0)
    {
        if (height < Height || width < Width)
        {
            throw new ArgumentException($"Cannot pad {Height}x{Width} images from {Source} to {height}x{width}: padding only adds pixels.");
        }

        var (top, left) = ((height - Height) / 2, (width - Width) / 2);
        var padded = new float[(long)Count * Channels * height * width];
        Array.Fill(padded, fill);
        for (long plane = 0; plane < (long)Count * Channels; plane++)
        {
            for (int y = 0; y < Height; y++)
            {
                Pixels.AsSpan((int)((plane * Height + y) * Width), Width)
                    .CopyTo(padded.AsSpan((int)((plane * height + top + y) * width + left), Width));
            }
        }

        return new ImageDataset(padded, Labels, Channels, height, width, ClassCount, Source, ClassNames);
    }

    /// <summary>The <see cref="PixelsPerImage"/> values of one image, planar CHW.</summary>
    /// <param name="index">The image index in [0, <see cref="Count"/>).</param>
    public ReadOnlySpan<float> Image(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The data set has {Count} images.");
        }

        return Pixels.AsSpan(index * PixelsPerImage, PixelsPerImage);
    }

    private static string[] DefaultClassNames(int classCount) =>
        Enumerable.Range(0, classCount).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    private static void RequirePositive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentException($"{name} must be positive, found {value}.", name);
        }
    }
}
