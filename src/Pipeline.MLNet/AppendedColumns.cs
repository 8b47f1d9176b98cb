namespace Pipeline.MLNet;

/// <summary>
/// The column arithmetic of a row mapper whose output schema is its input schema with its own columns appended (every
/// transformer of this project): input columns keep their indices, its own come after them.
/// </summary>
internal static class AppendedColumns
{
    /// <summary>
    /// The input columns <paramref name="dependingColumns"/> need: the input columns among them, and, when any of the
    /// appended columns is among them, the <paramref name="sources"/> those are computed from; in index order.
    /// </summary>
    public static IEnumerable<DataViewSchema.Column> Dependencies(IEnumerable<DataViewSchema.Column> dependingColumns, DataViewSchema input, IEnumerable<int> sources)
    {
        var inputCount = input.Count;
        var indices = dependingColumns.Select(c => c.Index).ToArray();
        var needed = indices.Where(i => i < inputCount).ToHashSet();
        if (indices.Any(i => i >= inputCount))
        {
            needed.UnionWith(sources);
        }

        return needed.Order().Select(i => input[i]);
    }
}
