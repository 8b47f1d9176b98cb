namespace Pipeline.Onnx.Graph;

/// <summary>
/// The edits graph rewrites share, in place on a <see cref="GraphProto"/>: nodes put where one node was, in order, so
/// the graph stays topologically sorted; constant index vectors (shapes, axes, pads); a value renamed everywhere;
/// what a rewrite left unread removed; value_info for the tensors it adds. Find what to edit with <see cref="GraphIndex"/>.
/// </summary>
public static class GraphEdits
{
    /// <summary>Replaces <paramref name="node"/> by <paramref name="replacement"/> at its position.</summary>
    public static void Replace(GraphProto graph, NodeProto node, IReadOnlyList<NodeProto> replacement)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var at = graph.Node.IndexOf(node);
        if (at < 0)
        {
            throw new ArgumentException($"Node '{node.Name}' ({node.OpType}) is not in the graph.", nameof(node));
        }

        graph.Node.RemoveAt(at);
        for (var i = replacement.Count - 1; i >= 0; i--)
        {
            graph.Node.Insert(at, replacement[i]);
        }
    }

    /// <summary>Adds a 1-D int64 initializer <paramref name="name"/> holding <paramref name="values"/>; returns its name.</summary>
    public static string AddVector(GraphProto graph, string name, long[] values)
    {
        ArgumentNullException.ThrowIfNull(graph);
        graph.Initializer.Add(OnnxTensors.Int64(name, values, [values.Length]));
        return name;
    }

    /// <summary>Renames value <paramref name="from"/> to <paramref name="to"/> in the graph's inputs, outputs, value_info and every node's inputs and outputs.</summary>
    public static void Rename(GraphProto graph, string from, string to)
    {
        ArgumentNullException.ThrowIfNull(graph);
        foreach (var value in graph.Input.Concat(graph.Output).Concat(graph.ValueInfo).Where(v => v.Name == from))
        {
            value.Name = to;
        }

        foreach (var node in graph.Node)
        {
            for (var i = 0; i < node.Input.Count; i++)
            {
                if (node.Input[i] == from)
                {
                    node.Input[i] = to;
                }
            }

            for (var i = 0; i < node.Output.Count; i++)
            {
                if (node.Output[i] == from)
                {
                    node.Output[i] = to;
                }
            }
        }
    }

    /// <summary>
    /// Drops Constant and Identity nodes whose outputs nothing reads, until none is left, then initializers nothing
    /// reads and value_info of values no node computes; returns the nodes removed.
    /// </summary>
    public static int RemoveUnread(GraphProto graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var removed = 0;
        while (true)
        {
            var read = graph.Node.SelectMany(n => n.Input).Concat(graph.Output.Select(v => v.Name)).ToHashSet(StringComparer.Ordinal);
            var dead = graph.Node.Where(n => n.OpType is "Constant" or "Identity" && n.Output.All(o => !read.Contains(o))).ToArray();
            foreach (var node in dead)
            {
                graph.Node.Remove(node);
            }

            removed += dead.Length;
            if (dead.Length == 0)
            {
                foreach (var initializer in graph.Initializer.Where(t => !read.Contains(t.Name)).ToArray())
                {
                    graph.Initializer.Remove(initializer);
                }

                var produced = graph.Node.SelectMany(n => n.Output).ToHashSet(StringComparer.Ordinal);
                foreach (var info in graph.ValueInfo.Where(v => !produced.Contains(v.Name)).ToArray())
                {
                    graph.ValueInfo.Remove(info);
                }

                return removed;
            }
        }
    }

    /// <summary>
    /// Declares <paramref name="name"/> as (batch, <paramref name="channels"/>, H / <paramref name="factor"/>,
    /// W / <paramref name="factor"/>), where (batch, ·, H, W) is the known shape of <paramref name="image"/>, so that
    /// the model summary still counts every multiply-add of the nodes a rewrite adds; does nothing when H and W are
    /// not known (a symbolic-size export stores the count it made before relaxing them).
    /// </summary>
    public static void AddDownscaledShape(GraphProto graph, string image, string name, long channels, int factor)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var known = graph.ValueInfo.Concat(graph.Input).Concat(graph.Output).FirstOrDefault(v => v.Name == image)?.Type?.TensorType;
        if (known?.Shape is not { Dim.Count: 4 } shape || !shape.Dim[2].HasDimValue || !shape.Dim[3].HasDimValue)
        {
            return;
        }

        var tensor = new TypeProto.Types.Tensor { ElemType = known.ElemType, Shape = new TensorShapeProto() };
        tensor.Shape.Dim.Add(shape.Dim[0].Clone());
        tensor.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = channels });
        tensor.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = shape.Dim[2].DimValue / factor });
        tensor.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = shape.Dim[3].DimValue / factor });
        graph.ValueInfo.Add(new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } });
    }
}
