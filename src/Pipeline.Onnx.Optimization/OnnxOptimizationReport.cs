using System.Globalization;
using System.Text;

namespace Pipeline.Onnx.Optimization;

/// <summary>What <see cref="OnnxGraphOptimizer"/> did.</summary>
/// <param name="Path">The written file.</param>
/// <param name="Rewrites">How many places each rewrite changed (rewrites that found nothing are left out).</param>
/// <param name="NodesBefore">Nodes of the original graph.</param>
/// <param name="NodesAfter">Nodes of the rewritten graph.</param>
/// <param name="BatchSizes">Batch sizes both graphs were compared on.</param>
/// <param name="MaxAbsDifference">Largest |rewritten − original| per output (for int64 outputs, the fraction of values that differ).</param>
/// <param name="Timing">Both graphs timed on one thread, or null when not asked for.</param>
public sealed record OnnxOptimizationReport(
    string Path,
    IReadOnlyDictionary<string, int> Rewrites,
    int NodesBefore,
    int NodesAfter,
    IReadOnlyList<int> BatchSizes,
    IReadOnlyDictionary<string, double> MaxAbsDifference,
    OnnxOptimizationTiming? Timing)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Path}: ");
        text.Append(Rewrites.Count == 0 ? "no rewrite applies" : string.Join(", ", Rewrites.Select(r => $"{r.Key} ×{r.Value}")));
        text.Append(CultureInfo.InvariantCulture, $"; {NodesBefore} → {NodesAfter} nodes; same outputs as the original on batches [{string.Join(", ", BatchSizes)}], max |Δ| ");
        text.AppendJoin(", ", MaxAbsDifference.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Key} {d.Value:E2}")));
        if (Timing is { } t)
        {
            text.Append(CultureInfo.InvariantCulture, $"; ONNX Runtime, 1 thread, batch {t.Batch}: {t.BeforeMilliseconds:F2} → {t.AfterMilliseconds:F2} ms ({t.BeforeMilliseconds / t.AfterMilliseconds:F2}x)");
        }

        return text.ToString();
    }
}

/// <summary>Median time per batch of the original and the rewritten graph, measured alternately in one process.</summary>
public sealed record OnnxOptimizationTiming(int Batch, double BeforeMilliseconds, double AfterMilliseconds);
