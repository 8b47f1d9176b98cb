using Pipeline.Onnx.Graph;
using Pipeline.Onnx.Proto;

namespace Pipeline.Export.Optimization;

/// <summary>Edits a rewrite makes: nodes put where one node was, in order, so the graph stays topologically sorted; constant index vectors (shapes, axes, pads).</summary>
internal static class GraphSplice
{
    /// <summary>Replaces <paramref name="node"/> by <paramref name="replacement"/> at its position.</summary>
    public static void Replace(GraphProto graph, NodeProto node, IReadOnlyList<NodeProto> replacement)
    {
        var at = graph.Node.IndexOf(node);
        graph.Node.RemoveAt(at);
        for (var i = replacement.Count - 1; i >= 0; i--)
        {
            graph.Node.Insert(at, replacement[i]);
        }
    }

    /// <summary>Adds a 1-D int64 initializer <paramref name="name"/> holding <paramref name="values"/>; returns its name.</summary>
    public static string AddVector(GraphProto graph, string name, long[] values)
    {
        graph.Initializer.Add(OnnxTensors.Int64(name, values, [values.Length]));
        return name;
    }
}
