namespace Pipeline.Onnx.Optimization;

/// <summary>
/// Moves an element-wise activation that is the only reader of a DepthToSpace above it: DepthToSpace only moves
/// values, so act(DepthToSpace(x)) = DepthToSpace(act(x)).
/// <para>
/// Why: above it the activation directly follows the convolution that computes x (a sub-pixel convolution, a
/// transposed convolution's phases) and ONNX Runtime fuses it into that convolution's output pass instead of
/// running it as a pass of its own; with <see cref="UniformPRelu"/> that made the super-resolution generator 1.4x
/// faster (batch 64, 1 thread).
/// </para>
/// </summary>
public static class ActivationHoisting
{
    /// <summary>Element-wise operators that take one tensor (and, for Clip, scalar bounds) and keep its shape.</summary>
    public static readonly IReadOnlySet<string> Activations = new HashSet<string>(StringComparer.Ordinal) { "Relu", "LeakyRelu", "Tanh", "Sigmoid", "Clip", "Elu", "HardSigmoid" };

    /// <summary>Hoists every activation that reads a DepthToSpace nothing else reads.</summary>
    /// <returns>How many were moved.</returns>
    public static int Apply(GraphProto graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var moved = 0;
        var index = new GraphIndex(graph);
        foreach (var activation in graph.Node.Where(n => Activations.Contains(n.OpType)).ToArray())
        {
            if (index.Producer(activation.Input[0]) is not { OpType: "DepthToSpace" } shuffle || !index.HasSingleReader(shuffle.Output[0]))
            {
                continue;
            }

            // Clip's bounds must exist where the activation moves to (a Constant node between the two would not).
            var at = graph.Node.IndexOf(shuffle);
            if (!activation.Input.Skip(1).All(v => v.Length == 0 || index.Producer(v) is not { } producer || graph.Node.IndexOf(producer) < at))
            {
                continue;
            }

            // act: x → a fresh value with x's shape; DepthToSpace: that value → the activation's old output.
            var activated = index.FreeStem(activation.Name.Length > 0 ? activation.Name : activation.Output[0], "/Hoisted_output") + "/Hoisted_output";
            var output = activation.Output[0];
            activation.Input[0] = shuffle.Input[0];
            activation.Output[0] = activated;
            shuffle.Input[0] = activated;
            shuffle.Output[0] = output;
            if (graph.ValueInfo.FirstOrDefault(v => v.Name == activation.Input[0]) is { } before)
            {
                var info = before.Clone();
                info.Name = activated;
                graph.ValueInfo.Add(info);
            }

            // Swapped in place, the graph stays sorted: the activation reads x, produced before the shuffle was.
            var to = graph.Node.IndexOf(activation);
            (graph.Node[at], graph.Node[to]) = (activation, shuffle);
            index = new GraphIndex(graph);
            moved++;
        }

        if (moved > 0)
        {
            GraphEdits.RemoveUnread(graph);
        }

        return moved;
    }
}
