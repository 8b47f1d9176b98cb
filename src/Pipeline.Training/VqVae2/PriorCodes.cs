using Pipeline.Training.PixelCnn;

namespace Pipeline.Training.VqVae2;

/// <summary>The two priors of a VQ-VAE-2: the top codes given the class, the bottom codes given the top codes and the class.</summary>
public static class VqVae2PriorLevel
{
    /// <summary>The top prior (sampled first).</summary>
    public const string Top = "top";

    /// <summary>The bottom prior, conditioned on the top grid.</summary>
    public const string Bottom = "bottom";

    /// <summary>Both, in sampling order.</summary>
    public static IReadOnlyList<string> All { get; } = [Top, Bottom];

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="level"/> is top or bottom.</summary>
    public static string Check(string level) => All.Contains(level)
        ? level
        : throw new ArgumentException($"A VQ-VAE-2 prior level is 'top' or 'bottom', got '{level}'.", nameof(level));
}

/// <summary>
/// One split's extracted codes as the grids of one prior: the top prior's grid is the top codes (with the class); the
/// bottom prior's grid is the bottom codes, conditioned on the top codes (and the class). Every file is checked on load:
/// grid shapes, codes inside the codebook, labels inside the classes, and as many labels and top grids as grids.
/// </summary>
public sealed class PriorCodes : IPixelCnnGrids
{
    private readonly int[] _grid;
    private readonly int[]? _condition;
    private readonly int[] _labels;
    private readonly int _side;
    private readonly int _conditionSide;
    private readonly Device _device;

    private PriorCodes(string source, int[] grid, int side, int[]? condition, int conditionSide, int[] labels, Device device)
    {
        Source = source;
        _grid = grid;
        _side = side;
        _condition = condition;
        _conditionSide = conditionSide;
        _labels = labels;
        _device = device;
        Count = labels.Length;
    }

    /// <inheritdoc />
    public string Source { get; }

    /// <inheritdoc />
    public int Count { get; }

    /// <summary>The requested classes, one per grid.</summary>
    public IReadOnlyList<int> Labels => _labels;

    /// <summary>
    /// Reads the codes of <paramref name="level"/> from <paramref name="files"/>, expecting grids of the stamp's sides,
    /// codes in [0, K) and labels in [0, classes).
    /// </summary>
    /// <exception cref="InvalidDataException">A file does not hold what the stamp says, naming the file, what was expected and what was found.</exception>
    public static PriorCodes Load(CodeFiles files, string level, VqVae2CodeStamp stamp, Device device)
    {
        VqVae2PriorLevel.Check(level);
        var top = ReadGrids(files.Top, stamp.TopGrid, stamp.CodebookSize, "top");
        var labels = ReadLabels(files.Labels, stamp.ClassCount);
        RequireCount(files.Labels, labels.Length, files.Top, top.Length / (stamp.TopGrid * stamp.TopGrid));
        if (level == VqVae2PriorLevel.Top)
        {
            return new PriorCodes(files.Top, top, stamp.TopGrid, null, 0, labels, device);
        }

        var bottom = ReadGrids(files.Bottom, stamp.BottomGrid, stamp.CodebookSize, "bottom");
        RequireCount(files.Labels, labels.Length, files.Bottom, bottom.Length / (stamp.BottomGrid * stamp.BottomGrid));
        return new PriorCodes(files.Bottom, bottom, stamp.BottomGrid, top, stamp.TopGrid, labels, device);
    }

    /// <inheritdoc />
    public (Tensor Grid, Tensor? Labels, Tensor? Condition) Gather(IReadOnlyList<int> indices)
    {
        var grid = Pick(_grid, _side, indices);                                                  // (B, H, W)
        var condition = _condition is null ? null : Pick(_condition, _conditionSide, indices);   // (B, Hc, Wc)
        var labels = tensor(indices.Select(i => (long)_labels[i]).ToArray(), device: _device);    // (B)
        return (grid, labels, condition);
    }

    private Tensor Pick(int[] values, int side, IReadOnlyList<int> indices)
    {
        var per = side * side;
        var buffer = new long[indices.Count * per];
        for (var n = 0; n < indices.Count; n++)
        {
            for (var p = 0; p < per; p++)
            {
                buffer[(n * per) + p] = values[(indices[n] * per) + p];
            }
        }

        return tensor(buffer, [indices.Count, side, side], device: _device);
    }

    private static int[] ReadGrids(string path, int side, int codebookSize, string what)
    {
        var (dimensions, values) = IdxInt32File.Read(path);
        if (dimensions.Length != 3 || dimensions[1] != side || dimensions[2] != side)
        {
            throw new InvalidDataException($"{path}: expected {what} code grids (N, {side}, {side}) from this autoencoder, found {string.Join('x', dimensions)}.");
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] < 0 || values[i] >= codebookSize)
            {
                throw new InvalidDataException($"{path}: code {values[i]} of grid {i / (side * side)} (row {i % (side * side) / side}, column {i % side}) is outside the codebook [0, {codebookSize}).");
            }
        }

        return values;
    }

    private static int[] ReadLabels(string path, int classCount)
    {
        var array = IdxFile.Read(path);
        if (array.Dimensions.Length != 1)
        {
            throw new InvalidDataException($"{path}: expected one label per grid (N), found {string.Join('x', array.Dimensions)}.");
        }

        var labels = array.Data.Select(b => (int)b).ToArray();
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= classCount)
            {
                throw new InvalidDataException($"{path}: label {labels[i]} of grid {i} is not one of the autoencoder data's {classCount} classes [0, {classCount}).");
            }
        }

        return labels;
    }

    private static void RequireCount(string labelsPath, int labels, string gridPath, int grids)
    {
        if (labels != grids)
        {
            throw new InvalidDataException($"{gridPath}: {grids} grids, but {labelsPath} has {labels} labels; extract the codes again (`pipeline extract-codes RUN`).");
        }
    }
}
