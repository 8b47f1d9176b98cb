namespace Pipeline.MLNet.Sampling;

/// <summary>
/// The rows one ONNX Runtime Run computes while a sampler draws grid row <c>r</c>: grid rows
/// <see cref="First"/> … r (<see cref="Rows"/> of them) and the condition rows <see cref="ConditionFirst"/> … (<see cref="ConditionRows"/>).
/// </summary>
internal readonly record struct RowBand(int First, int Rows, int ConditionFirst, int ConditionRows);

/// <summary>
/// Which band of rows each grid row is computed on. A causal network's logits at row r depend only on rows
/// r − R … r (R = <see cref="AutoregressiveModel.ReceptiveFieldRows"/>), so a graph that takes bands needs at most
/// R + 1 rows per Run instead of H; a graph with a fixed height gets the whole grid every time.
/// </summary>
internal static class RowBands
{
    /// <summary>Every row on the whole grid (and the whole condition grid): exports that fix the height.</summary>
    public static RowBand[] WholeGrid(int height, ConditionGrid? condition) =>
        Enumerable.Repeat(new RowBand(0, height, 0, condition?.Height ?? 0), height).ToArray();

    /// <summary>
    /// For each row r, the band from r − <paramref name="rowsAbove"/> (or row 0) to r. With a condition grid, the band
    /// starts instead at the nearest earlier row s where the graph's nearest-neighbour upsampling of the condition
    /// (source row ⌊x·Hc/H⌋) shifts by whole condition rows: ⌊(s + d)·Hc/H⌋ − ⌊s·Hc/H⌋ = ⌊d·Hc/H⌋ for every row d of the
    /// band. The graph indexes the condition rows it is given from 0, so only such a start (row 0 always, even rows for
    /// the ×2 of VQ-VAE-2's bottom prior) gives the whole grid's logits.
    /// </summary>
    public static RowBand[] Banded(int height, int rowsAbove, ConditionGrid? condition)
    {
        var bands = new RowBand[height];
        for (var row = 0; row < height; row++)
        {
            var first = Math.Max(0, row - rowsAbove);
            while (condition is not null && !ShiftsByWholeRows(first, row, height, condition.Height))
            {
                first--;
            }

            var (conditionFirst, conditionRows) = condition is null
                ? (0, 0)
                : (Source(first, height, condition.Height), Source(row, height, condition.Height) - Source(first, height, condition.Height) + 1);
            bands[row] = new RowBand(first, row - first + 1, conditionFirst, conditionRows);
        }

        return bands;
    }

    private static bool ShiftsByWholeRows(int first, int last, int height, int conditionHeight)
    {
        for (var d = 0; first + d <= last; d++)
        {
            if (Source(first + d, height, conditionHeight) - Source(first, height, conditionHeight) != Source(d, height, conditionHeight))
            {
                return false;
            }
        }

        return true;
    }

    // The condition row grid row x is upsampled from: ⌊x·Hc/H⌋, as PyTorch's nearest and the exported Gather.
    private static int Source(int row, int height, int conditionHeight) => (int)((long)row * conditionHeight / height);
}
