using Google.Protobuf;

namespace Pipeline.Onnx.Graph;

/// <summary>
/// Edits a copy of an existing model: replaces graph inputs and outputs with new ones computed by a few nodes built
/// with <see cref="OnnxGraphBuilder"/> (for example an unbatched row input reshaped to the batched tensor the graph
/// expects), and records what it did in the model's metadata so that <see cref="Undo"/> gives the original graph back.
/// Every node, value and metadata entry it adds carries <see cref="Prefix"/>, so it never collides with the model's own.
/// </summary>
/// <example>
/// <code>
/// var rewriter = new OnnxGraphRewriter(model);
/// rewriter.ReplaceInput("z", "Z", OnnxElementType.Float32, [20], (b, row) => b.Reshape(row, [1, 20]));
/// rewriter.ReplaceOutput("image", "Image", (b, image) => b.Reshape(image, [784]));
/// var rewritten = rewriter.Finish();
/// var original = OnnxGraphRewriter.Undo(rewritten);
/// </code>
/// </example>
public sealed class OnnxGraphRewriter
{
    /// <summary>What every added node, value and metadata key starts with.</summary>
    public const string Prefix = "pipeline_rewrite_";

    /// <summary>Metadata key of the original interface (base64 GraphProto of the inputs and outputs).</summary>
    public const string InterfaceKey = OnnxMetadataKeys.Prefix + "rewrite.interface";

    private readonly ModelProto _model;
    private readonly GraphProto _original;
    private readonly List<NodeProto> _front = new();
    private readonly List<NodeProto> _back = new();
    private int _scopes;

    /// <summary>Starts from a copy of <paramref name="model"/>; the argument is not changed.</summary>
    /// <param name="model">A model with a graph.</param>
    public OnnxGraphRewriter(ModelProto model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Graph is null)
        {
            throw new ArgumentException("The model has no graph.", nameof(model));
        }

        if (model.MetadataProps.Any(p => p.Key == InterfaceKey))
        {
            throw new ArgumentException($"The model was already rewritten ({InterfaceKey} is set); undo it first.", nameof(model));
        }

        _model = model.Clone();
        _original = new GraphProto();
        _original.Input.AddRange(model.Graph.Input.Select(v => v.Clone()));
        _original.Output.AddRange(model.Graph.Output.Select(v => v.Clone()));
        Opset = model.OpsetImport.Where(o => o.Domain is "" or "ai.onnx").Select(o => (int)o.Version).DefaultIfEmpty(OnnxVersions.DefaultOpset).Max();
    }

    /// <summary>The default-domain opset of the model: the builders use it.</summary>
    public int Opset { get; }

    /// <summary>
    /// Feeds graph input <paramref name="input"/> from a new input <paramref name="newName"/> of the given type and
    /// shape through the nodes <paramref name="body"/> adds (it gets the new input's value and returns the value that
    /// stands for the old input, which must have the old input's type and shape).
    /// </summary>
    /// <param name="input">An input of the graph.</param>
    /// <param name="newName">The new input's name (may equal <paramref name="input"/>).</param>
    /// <param name="type">The new input's element type.</param>
    /// <param name="shape">The new input's shape (<see cref="OnnxGraphBuilder.DynamicBatch"/> for a symbolic batch).</param>
    /// <param name="body">Builds the nodes from the new input to the old one.</param>
    public void ReplaceInput(string input, string newName, OnnxElementType type, IReadOnlyList<long> shape, Func<OnnxGraphBuilder, string, string> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var graph = _model.Graph;
        var old = graph.Input.FirstOrDefault(v => v.Name == input)
            ?? throw new ArgumentException($"The graph has no input '{input}' (inputs: {string.Join(", ", graph.Input.Select(v => v.Name))}).", nameof(input));
        RequireFree(newName);
        var inner = Internal(input);
        GraphEdits.Rename(graph, input, inner);
        var builder = Builder();
        var fed = builder.AddInput(newName, type, shape);
        builder.AddOutput(body(builder, fed), inner);
        var built = builder.Build(string.Empty);
        graph.Input.Insert(graph.Input.IndexOf(old), built.Input[0]);
        graph.Input.Remove(old);
        old.Name = inner;
        graph.ValueInfo.Add(old);
        graph.ValueInfo.AddRange(built.ValueInfo);
        _front.AddRange(built.Node);
    }

    /// <summary>
    /// Adds output <paramref name="newName"/> computed from value <paramref name="source"/> (a graph output or any
    /// value) by the nodes <paramref name="body"/> adds; a graph output used as a source stops being an output.
    /// </summary>
    /// <param name="source">A graph output (its original name) or another value of the graph.</param>
    /// <param name="newName">The new output's name (may equal <paramref name="source"/>).</param>
    /// <param name="body">Builds the nodes from the source to the new output.</param>
    public void ReplaceOutput(string source, string newName, Func<OnnxGraphBuilder, string, string> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var graph = _model.Graph;
        var value = source;
        if (_original.Output.FirstOrDefault(v => v.Name == source) is { } original)
        {
            value = Internal(source);
            if (graph.Output.FirstOrDefault(v => v.Name == source) is { } output)
            {
                GraphEdits.Rename(graph, source, value);
                graph.Output.Remove(output);
                output.Name = value;
                graph.ValueInfo.Add(output);
            }
        }

        var info = graph.ValueInfo.FirstOrDefault(v => v.Name == value)
            ?? throw new ArgumentException($"The graph has no value '{source}' with a known type and shape.", nameof(source));
        RequireFree(newName);
        var builder = Builder();
        var tensor = info.Type.TensorType;
        var fed = builder.AddInput(value, (OnnxElementType)tensor.ElemType, tensor.Shape.Dim.Select(d => d.DimValue > 0 ? d.DimValue : OnnxGraphBuilder.DynamicBatch).ToArray());
        builder.AddOutput(body(builder, fed), newName);
        var built = builder.Build(string.Empty);
        graph.Output.Add(built.Output[0]);
        graph.ValueInfo.AddRange(built.ValueInfo);
        _back.AddRange(built.Node);
    }

    /// <summary>The rewritten model, with the original interface recorded in its metadata.</summary>
    public ModelProto Finish()
    {
        var graph = _model.Graph;
        var nodes = _front.Concat(graph.Node).Concat(_back).ToArray();
        graph.Node.Clear();
        graph.Node.AddRange(nodes);
        _model.MetadataProps.Add(new StringStringEntryProto { Key = InterfaceKey, Value = Convert.ToBase64String(_original.ToByteArray()) });
        return _model;
    }

    /// <summary>The model as it was before the rewrite: our nodes and values removed, the interface and names restored.</summary>
    /// <param name="rewritten">A model written by <see cref="Finish"/>.</param>
    /// <returns>The original model, or null when <paramref name="rewritten"/> carries no rewrite record.</returns>
    public static ModelProto? Undo(ModelProto rewritten)
    {
        ArgumentNullException.ThrowIfNull(rewritten);
        var record = rewritten.MetadataProps.FirstOrDefault(p => p.Key == InterfaceKey);
        if (record is null)
        {
            return null;
        }

        var model = rewritten.Clone();
        var graph = model.Graph;
        var original = GraphProto.Parser.ParseFrom(Convert.FromBase64String(record.Value));
        foreach (var node in graph.Node.Where(n => n.Name.StartsWith(Prefix, StringComparison.Ordinal)).ToArray())
        {
            graph.Node.Remove(node);
        }

        graph.Input.Clear();
        graph.Input.AddRange(original.Input);
        graph.Output.Clear();
        graph.Output.AddRange(original.Output);
        foreach (var value in graph.ValueInfo.Where(v => v.Name.StartsWith(Prefix, StringComparison.Ordinal)).ToArray())
        {
            graph.ValueInfo.Remove(value);
        }

        foreach (var value in original.Input.Concat(original.Output))
        {
            GraphEdits.Rename(graph, Internal(value.Name), value.Name);
        }

        model.MetadataProps.Remove(model.MetadataProps.First(p => p.Key == InterfaceKey));
        return model;
    }

    private static string Internal(string name) => Prefix + "io_" + name;

    private OnnxGraphBuilder Builder() => new(Opset) { Scope = $"{Prefix}{_scopes++}" };

    private void RequireFree(string name)
    {
        var taken = new GraphIndex(_model.Graph).IsTaken(name) || _front.Concat(_back).SelectMany(n => n.Output).Contains(name, StringComparer.Ordinal);
        if (taken && !_original.Input.Concat(_original.Output).Any(v => v.Name == name))
        {
            throw new ArgumentException($"The graph already has a value named '{name}'.", nameof(name));
        }
    }
}
