using Pipeline.Inference.Pictures;

namespace Pipeline.Application;

/// <summary>Where and how every family's <c>sample</c> writes its generated images.</summary>
internal static class SampleFiles
{
    /// <summary>The files' path without extension: images/samples in the run, or <paramref name="path"/> made absolute.</summary>
    public static string Stem(RunFolder run, string? path) => path is null ? run.File("images", "samples") : Path.ChangeExtension(Path.GetFullPath(path), null);

    /// <summary>
    /// Generated images and the labels they were drawn for as a PNG grid and/or IDX files at <see cref="Stem"/>: one row
    /// per class when the model is <paramref name="conditional"/> and the user asked for no class in particular.
    /// </summary>
    public static IReadOnlyList<Picture> SaveGenerated(RunFolder run, string? path, float[] pixels, int[] labels, (int C, int H, int W) shape, int classCount,
        bool conditional, IReadOnlyList<int>? requested, bool png, bool idx, IReadOnlyList<string>? classNames)
    {
        var rowPerClass = conditional && requested is not { Count: > 0 };
        return PictureGrids.SaveGenerated(Stem(run, path), pixels, labels, shape, classCount, run.Id, png, idx, rowPerClass, classNames);
    }
}
