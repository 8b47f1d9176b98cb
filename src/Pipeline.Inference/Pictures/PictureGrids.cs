using Pipeline.Data;
using Pipeline.Reports;

namespace Pipeline.Inference.Pictures;

/// <summary>How every family lays out and writes its pictures: square-ish grids, one row per class, IDX beside PNG.</summary>
public static class PictureGrids
{
    /// <summary>Columns of a near-square grid of <paramref name="count"/> images.</summary>
    public static int Columns(int count) => (int)Math.Ceiling(Math.Sqrt(count));

    /// <summary>Writes <paramref name="count"/> planar images of <paramref name="shape"/> as a PNG grid.</summary>
    public static Picture Save(string path, float[] pixels, int count, (int C, int H, int W) shape, int columns, string description)
    {
        ImageGrid.SavePng(path, pixels, count, shape.C, shape.H, shape.W, columns);
        return new Picture(path, description);
    }

    /// <summary>
    /// Generated images with the labels they were asked for, as <paramref name="stem"/>.png (one grid row per class when
    /// <paramref name="rowPerClass"/>, headed by the class's name from <paramref name="classNames"/>, else "class N",
    /// cells enlarged 3x) and/or IDX files <paramref name="stem"/>-images-idx3-ubyte and -labels-idx1-ubyte that outside
    /// tools (and <c>train --data</c>) read.
    /// </summary>
    public static IReadOnlyList<Picture> SaveGenerated(string stem, float[] pixels, int[] labels, (int C, int H, int W) shape, int classCount, string source, bool png, bool idx, bool rowPerClass,
        IReadOnlyList<string>? classNames = null)
    {
        var written = new List<Picture>();
        var count = labels.Length;
        if (png && rowPerClass && count % classCount == 0)
        {
            var names = Enumerable.Range(0, classCount).Select(c => classNames is { } n && c < n.Count ? n[c] : $"class {c}").ToArray();
            ImageGrid.SaveLabelledPng(stem + ".png", ByClass(pixels, labels, shape.C * shape.H * shape.W), names, count / classCount, shape.C, shape.H, shape.W);
            written.Add(new Picture(stem + ".png", "samples (one row per class)"));
        }
        else if (png)
        {
            var columns = rowPerClass ? Math.Max(1, count / classCount) : Columns(count);
            written.Add(Save(stem + ".png", rowPerClass ? ByClass(pixels, labels, shape.C * shape.H * shape.W) : pixels, count, shape, columns, rowPerClass ? "samples (one row per class)" : "samples"));
        }

        if (idx)
        {
            var size = shape.C * shape.H * shape.W;
            written.AddRange(SaveIdx(stem, Enumerable.Range(0, count).Select(i => new ReadOnlyMemory<float>(pixels, i * size, size)), labels, shape, source));
        }

        return written;
    }

    /// <summary>
    /// The same over images produced as they are enumerated (once): IDX alone streams them to disk with flat memory at
    /// any count; a PNG grid needs them all, so with <paramref name="png"/> they are gathered first.
    /// </summary>
    public static IReadOnlyList<Picture> SaveGenerated(string stem, IEnumerable<float[]> images, int[] labels, (int C, int H, int W) shape, int classCount, string source, bool png, bool idx, bool rowPerClass,
        IReadOnlyList<string>? classNames = null)
    {
        if (png)
        {
            return SaveGenerated(stem, images.SelectMany(p => p).ToArray(), labels, shape, classCount, source, png, idx, rowPerClass, classNames);
        }

        return idx ? SaveIdx(stem, images.Select(p => (ReadOnlyMemory<float>)p), labels, shape, source) : [];
    }

    private static IReadOnlyList<Picture> SaveIdx(string stem, IEnumerable<ReadOnlyMemory<float>> images, int[] labels, (int C, int H, int W) shape, string source)
    {
        IdxDataset.Save(images, labels, shape, source, stem + "-images-idx3-ubyte", stem + "-labels-idx1-ubyte");
        return [new(stem + "-images-idx3-ubyte", "images (IDX)"), new(stem + "-labels-idx1-ubyte", "requested labels (IDX)")];
    }

    private static float[] ByClass(float[] pixels, int[] labels, int perImage)
    {
        var order = Enumerable.Range(0, labels.Length).OrderBy(i => labels[i]).ThenBy(i => i).ToArray();
        var sorted = new float[pixels.Length];
        for (var i = 0; i < order.Length; i++)
        {
            pixels.AsSpan(order[i] * perImage, perImage).CopyTo(sorted.AsSpan(i * perImage));
        }

        return sorted;
    }
}
