namespace Pipeline.Onnx.Optimization;

/// <summary>
/// Writes each DepthToSpace as two Transposes that each move one axis, between Reshapes: the same values in the
/// same places.
/// <para>
/// Why: ONNX Runtime's CPU DepthToSpace is one general 6-D transpose that moves every value on its own, ≈ 2 GB/s
/// here; profiled on the DCGAN generator (batch 64, 1 thread) the interleaves of its two split transposed
/// convolutions took 24% of the graph's time. Moving the column phase innermost and then the row phase behind the
/// rows (which moves whole rows of s·W values) took 9% for the same work. The generator ran 1.10x faster,
/// super-resolution (two sub-pixel convolutions and a narrow output layer) 1.10x, pix2pix 1.03x.
/// </para>
/// <para>
/// DCR reads the input (N, s²·C, H, W) as (N, a, b, C, H, W) and CRD as (N, C, a, b, H, W); the output is
/// (N, C, H, a, W, b). No Reshape needs H or W: the 6-D view comes from an Unsqueeze to rank 6 and a Reshape whose
/// zeros copy H and W, the merge of W and b from zeros and one −1, and only the final (N, C, s·H, s·W) is computed
/// from the input's Shape, so symbolic image sizes keep working.
/// </para>
/// </summary>
public static class DepthToSpaceLowering
{
    /// <summary>Rewrites every DepthToSpace of <paramref name="graph"/>.</summary>
    /// <returns>How many were rewritten.</returns>
    public static int Apply(GraphProto graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var rewritten = 0;
        foreach (var node in graph.Node.Where(n => n.OpType == "DepthToSpace").ToArray())
        {
            Rewrite(graph, new GraphIndex(graph), node);
            rewritten++;
        }

        return rewritten;
    }

    private static void Rewrite(GraphProto graph, GraphIndex index, NodeProto node)
    {
        var s = node.Attribute.Single(a => a.Name == "blocksize").I;
        var columnFirst = node.Attribute.FirstOrDefault(a => a.Name == "mode")?.S.ToStringUtf8() == "CRD";
        // DCR: (N, a, b, C, H, W) → (N, a, C, H, W, b) → (N, a, C, H, W·b) → (N, C, H, a, W·b).
        // CRD: (N, C, a, b, H, W) → (N, C, a, H, W, b) → (N, C, a, H, W·b) → (N, C, H, a, W·b).
        long[] view = columnFirst ? [0, -1, s, s, 0, 0] : [0, s, s, -1, 0, 0];
        long[] columnsInward = columnFirst ? [0, 1, 2, 4, 5, 3] : [0, 1, 3, 4, 5, 2];
        long[] rowsInward = columnFirst ? [0, 1, 3, 2, 4] : [0, 2, 3, 1, 4];
        var x = node.Input[0];
        var stem = index.FreeStem(node.Name.Length > 0 ? node.Name : node.Output[0], "/Rank6_output", ".view");
        string Value(string step) => $"{stem}/{step}_output";
        string Constant(string name, long[] values) => GraphEdits.AddVector(graph, $"{stem}.{name}", values);

        NodeProto Node(string op, string step, string[] inputs, params AttributeProto[] attributes) => new()
        {
            OpType = op, Name = $"{stem}/{step}", Input = { inputs }, Output = { Value(step) }, Attribute = { attributes },
        };

        var final = Node("Reshape", "Image", [Value("RowPhaseInward"), Value("ImageShape")]);
        final.Output[0] = node.Output[0];
        GraphEdits.Replace(graph, node,
        [
            Node("Unsqueeze", "Rank6", [x, Constant("rank6_axes", [1, 2])]),
            Node("Reshape", "Phases", [Value("Rank6"), Constant("view", view)]),
            Node("Transpose", "ColumnPhaseInward", [Value("Phases")], OnnxAttribute.Ints("perm", columnsInward)),
            Node("Reshape", "ColumnsMerged", [Value("ColumnPhaseInward"), Constant("merge", [0, 0, 0, 0, -1])]),
            Node("Transpose", "RowPhaseInward", [Value("ColumnsMerged")], OnnxAttribute.Ints("perm", rowsInward)),
            Node("Shape", "InputShape", [x]),
            Node("Mul", "Upscaled", [Value("InputShape"), Constant("upscale", [1, 1, s, s])]),
            Node("Div", "ImageShape", [Value("Upscaled"), Constant("channels", [1, s * s, 1, 1])]),
            final,
        ]);
    }
}
