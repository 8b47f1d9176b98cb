namespace Pipeline.MLNet;

/// <summary>
/// An IDataView that adds columns to its input, computed in batches by cursors that read the input ahead of the row
/// they are on. When input columns are asked for too, a cursor walks the input twice in lockstep: one input cursor
/// serves them, a look-ahead cursor reads the next batch's sources, so rows keep their order and positions. When only
/// the added columns are asked for, the look-ahead cursor alone drives the rows: the input is enumerated once (a
/// lazily built source otherwise pays for every row twice).
/// </summary>
internal abstract class LookAheadDataView : IDataView
{
    protected LookAheadDataView(IDataView input, DataViewSchema schema)
    {
        Input = input;
        Schema = schema;
    }

    /// <summary>False: two cursors over the input must see the same rows in the same order.</summary>
    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    /// <summary>The view the columns are added to; its columns come first in <see cref="Schema"/>.</summary>
    protected IDataView Input { get; }

    /// <summary>The input columns the added columns are computed from (what the look-ahead cursor reads).</summary>
    protected abstract IEnumerable<DataViewSchema.Column> Sources { get; }

    public long? GetRowCount() => Input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var inputCount = Input.Schema.Count;
        var needed = columnsNeeded.Select(c => c.Index).ToHashSet();
        var passThrough = needed.Where(i => i < inputCount).Select(i => Input.Schema[i]).ToArray();
        var ahead = needed.Any(i => i >= inputCount) ? Input.GetRowCursor(Sources) : null;
        var main = passThrough.Length == 0 && ahead is not null ? null : Input.GetRowCursor(passThrough);
        return CreateCursor(main, ahead, needed);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    /// <summary>
    /// A cursor over <paramref name="main"/> (null: <paramref name="ahead"/> drives the rows) and <paramref name="ahead"/>
    /// (null: no added column was asked for) serving <paramref name="needed"/>, indices into <see cref="Schema"/>.
    /// </summary>
    protected abstract DataViewRowCursor CreateCursor(DataViewRowCursor? main, DataViewRowCursor? ahead, HashSet<int> needed);
}
