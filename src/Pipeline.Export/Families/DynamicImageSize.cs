using System.Globalization;
using Google.Protobuf;
using Pipeline.Export.Verification;
using Pipeline.Models;
using Pipeline.Onnx;
using Pipeline.Onnx.Proto;
using Pipeline.Onnx.Summary;
using static TorchSharp.torch;

namespace Pipeline.Export.Families;

/// <summary>
/// Makes an exported fully-convolutional model accept any image height and width. The exporter writes fixed
/// spatial sizes (only the batch may be symbolic); for a network of convolutions, padding, instance norm,
/// concatenation and depth-to-space nothing in the graph depends on them except the declared shapes, so those are
/// made symbolic and the intermediate shapes dropped. The relaxed file is verified against TorchSharp at a second
/// size before it replaces the fixed one.
/// </summary>
internal static class DynamicImageSize
{
    /// <summary>
    /// Rewrites <paramref name="path"/> with symbolic H and W on its first input and output, after checking it at
    /// <paramref name="checkHeight"/> x <paramref name="checkWidth"/>; if the check fails the file is deleted, as a
    /// failed export leaves no file behind.
    /// </summary>
    public static void Relax(string path, nn.Module module, OnnxExportOptions options, int checkHeight, int checkWidth)
    {
        var model = OnnxFile.Read(path);
        // The cost depends on the size once H and W are symbolic: count it now, from the traced shapes, at the trained size.
        var input = options.Inputs[0];
        var macs = OnnxModelSummary.FromModel(model);
        if (macs.MacsComplete)
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = OnnxMetadataKeys.MacsPerSample, Value = macs.MacsPerSample.ToString(CultureInfo.InvariantCulture) });
            model.MetadataProps.Add(new StringStringEntryProto { Key = OnnxMetadataKeys.MacsImageSize, Value = string.Create(CultureInfo.InvariantCulture, $"{input.Shape[2]}x{input.Shape[3]}") });
        }

        Symbolic(model.Graph.Input[0], "height", "width");
        Symbolic(model.Graph.Output[0], "out_height", "out_width");
        model.Graph.ValueInfo.Clear();
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = File.Create(temporary))
            {
                model.WriteTo(stream);
            }

            var check = options with
            {
                Inputs = [OnnxTensorSpec.Batched(input.Name, input.Shape[1], checkHeight, checkWidth)],
                VerificationBatchSizes = [2],
                VerificationInputs = [],
            };
            using var modes = ModuleModes.Eval(module);
            var worst = OnnxRuntimeParity.Check(temporary, module, check, out _).Values.Max();
            if (!(worst <= options.Tolerance))
            {
                File.Delete(path);
                throw new OnnxVerificationException(
                    $"With symbolic height and width, ONNX Runtime differs from TorchSharp by {worst:G3} at {checkHeight}x{checkWidth}; {path} was not written. Export with a fixed size instead.");
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void Symbolic(ValueInfoProto value, string height, string width)
    {
        var dims = value.Type.TensorType.Shape.Dim;
        dims[2] = new TensorShapeProto.Types.Dimension { DimParam = height };
        dims[3] = new TensorShapeProto.Types.Dimension { DimParam = width };
    }
}
