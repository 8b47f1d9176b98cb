using System.Globalization;
using Google.Protobuf;
using Pipeline.Data;
using Pipeline.Export.Verification;
using Pipeline.Models;
using Pipeline.Onnx.Optimization;
using Pipeline.Onnx.Proto;
using Pipeline.Onnx.Summary;

namespace Pipeline.Export.Families;

/// <summary>One dimension of a graph input or output to make symbolic.</summary>
/// <param name="Value">The input or output's name.</param>
/// <param name="Axis">The dimension, counting the batch.</param>
/// <param name="DimParam">The symbolic name it gets.</param>
internal sealed record SymbolicDimension(string Value, int Axis, string DimParam);

/// <summary>
/// Makes dimensions of an exported file symbolic. The exporter writes fixed sizes (only the batch may be symbolic); where
/// nothing in the graph depends on a size but the declared shapes, those are made symbolic and the intermediate shapes
/// dropped. The relaxed file is verified against TorchSharp at other sizes before it replaces the fixed one.
/// </summary>
internal static class SymbolicDimensions
{
    /// <summary>
    /// Rewrites <paramref name="path"/> with <paramref name="dimensions"/> symbolic, after checking it on
    /// <paramref name="check"/>'s inputs; if the check fails the file is deleted, as a failed export leaves no file behind.
    /// </summary>
    /// <param name="path">the verified file with fixed sizes</param>
    /// <param name="module">the module it was exported from, run by the check</param>
    /// <param name="options">the export's options (tolerance)</param>
    /// <param name="check">the options whose inputs have the other sizes</param>
    /// <param name="dimensions">the dimensions to relax</param>
    /// <param name="macsSize">the size the multiply-accumulate count (taken now, while shapes are known) holds for, e.g. "28x28"</param>
    /// <param name="failure">says what was relaxed and at which size it was checked, given the worst difference</param>
    /// <returns>the largest |ONNX Runtime − TorchSharp| of the check</returns>
    public static double Relax(string path, nn.Module module, OnnxExportOptions options, OnnxExportOptions check,
        IReadOnlyList<SymbolicDimension> dimensions, string macsSize, Func<double, string> failure)
    {
        var model = OnnxFile.Read(path);
        // The cost depends on the size once it is symbolic: count it now, from the traced shapes, at the exported size.
        var macs = OnnxModelSummary.FromModel(model);
        if (macs.MacsComplete)
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = OnnxMetadataKeys.MacsPerSample, Value = macs.MacsPerSample.ToString(CultureInfo.InvariantCulture) });
            model.MetadataProps.Add(new StringStringEntryProto { Key = OnnxMetadataKeys.MacsImageSize, Value = macsSize });
        }

        foreach (var dimension in dimensions)
        {
            var value = model.Graph.Input.Concat(model.Graph.Output).Single(v => v.Name == dimension.Value);
            value.Type.TensorType.Shape.Dim[dimension.Axis] = new TensorShapeProto.Types.Dimension { DimParam = dimension.DimParam };
        }

        model.Graph.ValueInfo.Clear();
        var worst = double.NaN;
        AtomicFile.WriteVerified(path, model.WriteTo, written =>
        {
            using var modes = ModuleModes.Eval(module);
            worst = OnnxRuntimeParity.Check(written, module, check, out _).Values.Max();
            if (!(worst <= options.Tolerance))
            {
                File.Delete(path);
                throw new OnnxVerificationException($"{failure(worst)}; {path} was not written.");
            }
        });
        return worst;
    }
}
