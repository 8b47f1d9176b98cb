namespace Pipeline.Onnx.Graph;

/// <summary>
/// Builds one ONNX graph: inputs, initializers, nodes and outputs with unique names. It also tracks each value's
/// element type and shape (dimension <see cref="DynamicBatch"/> standing for the symbolic batch) so that converters
/// can reshape without running the model, and so that the written model carries value_info for every intermediate
/// value: <see cref="Summary.OnnxModelSummary"/> reads those shapes to count multiply-accumulates.
/// </summary>
/// <remarks>Operator helpers (Gemm, Conv, Reshape, ...) live in the other parts of this partial class.</remarks>
public sealed partial class OnnxGraphBuilder
{
    /// <summary>The dimension value that stands for the dynamic batch (written as dim_param "batch").</summary>
    public const long DynamicBatch = -1;

    /// <summary>The dim_param name of the dynamic batch.</summary>
    public const string BatchDimName = "batch";

    private readonly List<NodeProto> _nodes = new();
    private readonly List<TensorProto> _initializers = new();
    private readonly List<string> _inputs = new();
    private readonly List<string> _outputs = new();
    private readonly Dictionary<string, ValueFacts> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nodeNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeProto> _producers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _renamed = new(StringComparer.Ordinal);

    /// <summary>Creates a builder for the default domain at <paramref name="opset"/>.</summary>
    public OnnxGraphBuilder(int opset = OnnxVersions.DefaultOpset)
    {
        OnnxVersions.RequireSupported(opset);
        Opset = opset;
    }

    /// <summary>The opset the nodes are written for; helpers choose the operator form it needs.</summary>
    public int Opset { get; }

    /// <summary>Prefix of new node and value names, set by the exporter to the current module path.</summary>
    public string Scope { get; set; } = string.Empty;

    /// <summary>Nodes so far, in topological order (the order they were added).</summary>
    public IReadOnlyList<NodeProto> Nodes => _nodes;

    /// <summary>Initializers so far.</summary>
    public IReadOnlyList<TensorProto> Initializers => _initializers;

    /// <summary>Total bytes of initializer data, to refuse graphs too large for one protobuf file.</summary>
    public long InitializerBytes => _initializers.Sum(t => (long)t.RawData.Length);

    /// <summary>Whether a value of this name exists.</summary>
    public bool Contains(string value) => _values.ContainsKey(value);

    /// <summary>The tracked shape of <paramref name="value"/> (null when unknown).</summary>
    public long[]? ShapeOf(string value) => Facts(value).Shape;

    /// <summary>The tracked shape of <paramref name="value"/>, or an error naming the value when it is unknown.</summary>
    public long[] RequireShape(string value) =>
        Facts(value).Shape ?? throw new InvalidOperationException($"The shape of value '{value}' is not known; the converter that produced it must set it.");

    /// <summary>The element type of <paramref name="value"/>.</summary>
    public OnnxElementType TypeOf(string value) => Facts(value).Type;

    /// <summary>Overrides what is known about a value (for converters that add nodes through <see cref="AddNode"/>).</summary>
    public void SetFacts(string value, OnnxElementType type, long[]? shape)
    {
        Facts(value);
        _values[value] = new ValueFacts(type, shape);
    }

    /// <summary>Adds a graph input; a <see cref="DynamicBatch"/> dimension becomes the symbolic batch.</summary>
    public string AddInput(string name, OnnxElementType type, IReadOnlyList<long> shape)
    {
        Claim(name);
        _values[name] = new ValueFacts(type, shape.ToArray());
        _inputs.Add(name);
        return name;
    }

    /// <summary>Adds a float32 initializer named exactly <paramref name="name"/> (a module path such as "decoder.hidden.weight").</summary>
    /// <param name="name">Initializer name; must be unused.</param>
    /// <param name="tensor">Its value.</param>
    /// <param name="isBuffer">True for state that is not a trained parameter (running statistics), which
    /// <see cref="Summary.OnnxModelSummary"/> then leaves out of the parameter count.</param>
    public string AddInitializer(string name, TensorProto tensor, bool isBuffer = false)
    {
        Claim(name);
        tensor.Name = name;
        if (isBuffer)
        {
            tensor.DocString = BufferDocString;
        }

        _initializers.Add(tensor);
        _values[name] = new ValueFacts((OnnxElementType)tensor.DataType, tensor.Dims.ToArray());
        return name;
    }

    /// <summary>Adds a node; its outputs get fresh names under <see cref="Scope"/> and unknown shapes.</summary>
    /// <param name="opType">Operator, e.g. "Conv".</param>
    /// <param name="inputs">Input values; "" marks an omitted optional input.</param>
    /// <param name="outputCount">Number of outputs.</param>
    /// <param name="attributes">Attributes (see <see cref="OnnxAttribute"/>).</param>
    public IReadOnlyList<string> AddNode(string opType, IReadOnlyList<string> inputs, int outputCount, params AttributeProto[] attributes)
    {
        foreach (var input in inputs.Where(i => i.Length > 0))
        {
            Facts(input);
        }

        var node = new NodeProto { OpType = opType, Name = UniqueNodeName(opType) };
        node.Input.AddRange(inputs);
        node.Attribute.AddRange(attributes);
        for (var i = 0; i < outputCount; i++)
        {
            var output = UniqueValueName(outputCount == 1 ? $"{node.Name}_output" : $"{node.Name}_output{i}");
            _values[output] = new ValueFacts(OnnxElementType.Float32, null);
            node.Output.Add(output);
            _producers[output] = node;
        }

        _nodes.Add(node);
        return node.Output.ToArray();
    }

    /// <summary>Makes <paramref name="value"/> a graph output called <paramref name="name"/>.</summary>
    /// <remarks>A node's output is renamed in place; a graph input or initializer (or a value already exported
    /// under another name) is passed through an Identity node instead.</remarks>
    public void AddOutput(string value, string name)
    {
        value = _renamed.GetValueOrDefault(value, value);
        var facts = Facts(value);
        if (value == name)
        {
            _outputs.Add(name);
            return;
        }

        Claim(name);
        if (_producers.TryGetValue(value, out var producer) && !_outputs.Contains(value))
        {
            Rename(producer, value, name);
        }
        else
        {
            var node = new NodeProto { OpType = "Identity", Name = UniqueNodeName("Identity") };
            node.Input.Add(value);
            node.Output.Add(name);
            _nodes.Add(node);
            _producers[name] = node;
        }

        _values[name] = facts;
        _outputs.Add(name);
    }

    /// <summary>The finished graph: inputs and outputs typed with their shapes, value_info for every intermediate value whose shape is known.</summary>
    public GraphProto Build(string name)
    {
        var graph = new GraphProto { Name = name };
        graph.Node.AddRange(_nodes);
        graph.Initializer.AddRange(_initializers);
        graph.Input.AddRange(_inputs.Select(ValueInfo));
        graph.Output.AddRange(_outputs.Select(ValueInfo));
        var declared = _inputs.Concat(_outputs).Concat(_initializers.Select(i => i.Name)).ToHashSet(StringComparer.Ordinal);
        graph.ValueInfo.AddRange(_nodes
            .SelectMany(n => n.Output)
            .Where(v => !declared.Contains(v) && _values[v].Shape is not null)
            .Select(ValueInfo));
        return graph;
    }

    internal const string BufferDocString = "buffer";

    private ValueInfoProto ValueInfo(string name)
    {
        var facts = _values[name];
        var tensorType = new TypeProto.Types.Tensor { ElemType = (int)facts.Type };
        if (facts.Shape is { } shape)
        {
            tensorType.Shape = new TensorShapeProto();
            tensorType.Shape.Dim.AddRange(shape.Select(d => d == DynamicBatch
                ? new TensorShapeProto.Types.Dimension { DimParam = BatchDimName }
                : new TensorShapeProto.Types.Dimension { DimValue = d }));
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensorType } };
    }

    private void Rename(NodeProto producer, string from, string to)
    {
        var index = producer.Output.IndexOf(from);
        producer.Output[index] = to;
        foreach (var node in _nodes)
        {
            for (var i = 0; i < node.Input.Count; i++)
            {
                if (node.Input[i] == from)
                {
                    node.Input[i] = to;
                }
            }
        }

        _renamed[from] = to;
        _producers.Remove(from);
        _producers[to] = producer;
        _values.Remove(from);
    }

    private ValueFacts Facts(string value) =>
        _values.TryGetValue(value, out var facts) ? facts : throw new ArgumentException($"Graph has no value named '{value}'.", nameof(value));

    private void Claim(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("Value names must not be empty.", nameof(name));
        }

        if (_values.ContainsKey(name))
        {
            throw new ArgumentException($"Graph already has a value named '{name}'.", nameof(name));
        }
    }

    private string UniqueNodeName(string opType)
    {
        var stem = Scope.Length == 0 ? opType : $"{Scope}/{opType}";
        var name = stem;
        for (var i = 1; !_nodeNames.Add(name); i++)
        {
            name = $"{stem}_{i}";
        }

        return name;
    }

    private string UniqueValueName(string stem)
    {
        var name = stem;
        for (var i = 1; _values.ContainsKey(name); i++)
        {
            name = $"{stem}_{i}";
        }

        return name;
    }

    private readonly record struct ValueFacts(OnnxElementType Type, long[]? Shape);
}
