namespace Pipeline.Onnx.Optimization.Adoption;

/// <summary>The value range a graph's output has, read from the operator that makes it: Tanh gives [-1, 1], Sigmoid [0, 1].</summary>
internal static class OutputRange
{
    public static (double Min, double Max) Guess(ModelProto model, string output, string path, List<string> notes)
    {
        var producer = model.Graph.Node.LastOrDefault(n => n.Output.Contains(output));
        (double, double)? range = producer?.OpType switch
        {
            "Tanh" => (-1, 1),
            "Sigmoid" => (0, 1),
            _ => null,
        };
        if (range is not { } found)
        {
            throw new InvalidDataException(
                $"{path}: output '{output}' comes from a {producer?.OpType ?? "graph input"} node, which does not tell its value range; give it (--range MIN,MAX, e.g. -1,1).");
        }

        notes.Add($"value range [{found.Item1}, {found.Item2}] from the output's {producer!.OpType}; the transforms map images in [0, 1] to it and back");
        return found;
    }
}
