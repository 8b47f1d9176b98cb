using System.Globalization;
using System.Text;

namespace Pipeline.Export;

/// <summary>The outcome of a successful export.</summary>
/// <param name="Path">The written file.</param>
/// <param name="ParameterCount">Trained parameters of the exported module.</param>
/// <param name="Opset">Operator set written.</param>
/// <param name="FileBytes">Size of the file.</param>
/// <param name="BatchSizes">Batch sizes ONNX Runtime was checked on (random and caller-supplied inputs).</param>
/// <param name="MaxAbsDifference">Largest |ONNX Runtime − TorchSharp| per output name; for an int64 (index) output, the largest fraction of indices that differ (empty when not verified).</param>
public sealed record OnnxExportReport(
    string Path,
    long ParameterCount,
    int Opset,
    long FileBytes,
    IReadOnlyList<int> BatchSizes,
    IReadOnlyDictionary<string, double> MaxAbsDifference)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Path}: {ParameterCount:N0} parameters, opset {Opset}, {FileBytes:N0} bytes");
        if (MaxAbsDifference.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"; verified on batches [{string.Join(", ", BatchSizes)}], max |Δ| ");
            text.AppendJoin(", ", MaxAbsDifference.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Key} {d.Value:E2}")));
        }

        return text.ToString();
    }
}
