using Pipeline.Onnx.Proto;

namespace Pipeline.Export.Optimization;

/// <summary>Puts nodes where one node was, in order, so the graph stays topologically sorted.</summary>
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
}
