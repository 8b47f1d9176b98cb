namespace Pipeline.Export.Families;

/// <summary>
/// Makes an exported fully-convolutional model accept any image height and width. For a network of convolutions,
/// padding, instance norm, concatenation and depth-to-space nothing in the graph depends on them except the declared
/// shapes, so <see cref="SymbolicDimensions"/> makes those symbolic, verified at a second size.
/// </summary>
internal static class DynamicImageSize
{
    /// <summary>
    /// Rewrites <paramref name="path"/> with symbolic H and W on its first input and output, after checking it at
    /// <paramref name="checkHeight"/> x <paramref name="checkWidth"/>; if the check fails the file is deleted, as a
    /// failed export leaves no file behind.
    /// </summary>
    public static void Relax(string path, TorchSharp.torch.nn.Module module, OnnxExportOptions options, int checkHeight, int checkWidth)
    {
        var input = options.Inputs[0];
        var output = options.OutputNames[0];
        var check = options with
        {
            Inputs = [OnnxTensorSpec.Batched(input.Name, input.Shape[1], checkHeight, checkWidth)],
            VerificationBatchSizes = [2],
            VerificationInputs = [],
        };
        SymbolicDimensions.Relax(path, module, options, check,
            [new(input.Name, 2, "height"), new(input.Name, 3, "width"), new(output, 2, "out_height"), new(output, 3, "out_width")],
            $"{input.Shape[2]}x{input.Shape[3]}",
            worst => $"With symbolic height and width, ONNX Runtime differs from TorchSharp by {worst:G3} at {checkHeight}x{checkWidth}. Export with a fixed size instead");
    }
}
