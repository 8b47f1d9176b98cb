using Pipeline.Onnx.Proto;

namespace Pipeline.Export.Optimization;

/// <summary>Removes what a rewrite left unread: Constant and Identity nodes, initializers and value_info of values no node reads.</summary>
internal static class GraphCleanup
{
    /// <summary>Drops dead Constant and Identity nodes and unread initializers until nothing changes; returns the nodes removed.</summary>
    public static int RemoveUnread(GraphProto graph)
    {
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
}
