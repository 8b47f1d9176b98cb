using Pipeline.Inference.Pictures;

namespace Pipeline.Cli.Families;

/// <summary><see cref="PictureGrids"/> with what they wrote reported on the terminal.</summary>
internal static class Pictures
{
    /// <inheritdoc cref="PictureGrids.Columns"/>
    public static int Columns(int count) => PictureGrids.Columns(count);

    /// <inheritdoc cref="PictureGrids.SaveGenerated(string, IEnumerable{float[]}, int[], ValueTuple{int, int, int}, int, string, bool, bool, bool, IReadOnlyList{string})"/>
    public static void SaveGenerated(string stem, IEnumerable<float[]> images, int[] labels, (int C, int H, int W) shape, int classCount, string source, bool png, bool idx, bool rowPerClass,
        IReadOnlyList<string>? classNames = null) =>
        Terminal.Wrote(PictureGrids.SaveGenerated(stem, images, labels, shape, classCount, source, png, idx, rowPerClass, classNames));
}
