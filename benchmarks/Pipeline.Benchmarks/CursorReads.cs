using Microsoft.ML;
using Microsoft.ML.Data;

namespace Pipeline.Benchmarks;

/// <summary>How the ML.NET benchmarks consume a transform's output: a cursor over one float-vector column, as an app reads it.</summary>
internal static class CursorReads
{
    /// <summary>Reads every row of <paramref name="column"/>; the sum of first values keeps the work from being optimised away.</summary>
    public static float ReadAll(IDataView view, string column)
    {
        var sum = 0f;
        using var cursor = view.GetRowCursor([view.Schema[column]]);
        var getter = cursor.GetGetter<VBuffer<float>>(view.Schema[column]);
        var value = default(VBuffer<float>);
        while (cursor.MoveNext())
        {
            getter(ref value);
            sum += value.GetValues()[0];
        }

        return sum;
    }
}
