using System.Runtime.InteropServices;

namespace Pipeline.Onnx.Graph;

/// <summary>
/// Who produces and who reads each value of a graph, and the float constants (initializers and Constant nodes) a
/// rewrite may fold. A snapshot: rebuild it after an edit (the graphs we export have at most a few hundred nodes).
/// </summary>
public sealed class GraphIndex
{
    private readonly GraphProto _graph;
    private readonly Dictionary<string, NodeProto> _producers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<NodeProto>> _consumers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TensorProto> _initializers;
    private readonly HashSet<string> _graphOutputs;

    /// <summary>Indexes <paramref name="graph"/> as it is now.</summary>
    public GraphIndex(GraphProto graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        _graph = graph;
        _initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        _graphOutputs = graph.Output.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            foreach (var output in node.Output)
            {
                _producers[output] = node;
            }

            foreach (var input in node.Input.Where(i => i.Length > 0))
            {
                if (!_consumers.TryGetValue(input, out var readers))
                {
                    _consumers[input] = readers = new List<NodeProto>();
                }

                readers.Add(node);
            }
        }
    }

    /// <summary>The node that computes <paramref name="value"/>, or null for inputs and initializers.</summary>
    public NodeProto? Producer(string value) => _producers.GetValueOrDefault(value);

    /// <summary>How many node inputs read <paramref name="value"/> (a node reading it twice counts twice).</summary>
    public int ReaderCount(string value) => _consumers.TryGetValue(value, out var readers) ? readers.Count : 0;

    /// <summary>True when exactly one node input reads <paramref name="value"/> and it is not a graph output.</summary>
    public bool HasSingleReader(string value) => ReaderCount(value) == 1 && !_graphOutputs.Contains(value);

    /// <summary>The initializer called <paramref name="name"/>, or null.</summary>
    public TensorProto? Initializer(string name) => _initializers.GetValueOrDefault(name);

    /// <summary>True when <paramref name="name"/> names a graph input, an initializer or a value of any node.</summary>
    public bool IsTaken(string name) => _initializers.ContainsKey(name) || _producers.ContainsKey(name) || _graph.Input.Any(v => v.Name == name);

    /// <summary>
    /// <paramref name="name"/>, or name_1, name_2 … the first for which no name+suffix of <paramref name="suffixes"/> is
    /// taken: the stem of the values and initializers a rewrite adds.
    /// </summary>
    public string FreeStem(string name, params string[] suffixes)
    {
        var stem = name;
        for (var i = 1; suffixes.Any(suffix => IsTaken(stem + suffix)); i++)
        {
            stem = $"{name}_{i}";
        }

        return stem;
    }

    /// <summary>The values of a float32 initializer or float32 Constant node output (or an Identity of one), or null when it is neither.</summary>
    public float[]? FloatConstant(string value) => Tensor(value, OnnxElementType.Float32) is { } t ? Read<float>(t, t.FloatData) : null;

    /// <summary>The values of an int64 initializer or int64 Constant node output (or an Identity of one), or null when it is neither.</summary>
    public long[]? Int64Constant(string value) => Tensor(value, OnnxElementType.Int64) is { } t ? Read<long>(t, t.Int64Data) : null;

    // Through Identity nodes: PyTorch's exporter writes one initializer for equal weights and Identities for the rest.
    private TensorProto? Tensor(string value, OnnxElementType type)
    {
        var tensor = _initializers.GetValueOrDefault(value)
            ?? (Producer(value) switch
            {
                { OpType: "Constant" } constant => constant.Attribute.FirstOrDefault(a => a.Name == "value")?.T,
                { OpType: "Identity" } identity => Tensor(identity.Input[0], type),
                _ => null,
            });
        return tensor is not null && tensor.DataType == (int)type && tensor.DataLocation != TensorProto.Types.DataLocation.External ? tensor : null;
    }

    private static T[] Read<T>(TensorProto tensor, IEnumerable<T> typed)
        where T : unmanaged =>
        tensor.RawData.Length > 0 ? MemoryMarshal.Cast<byte, T>(tensor.RawData.Span).ToArray() : typed.ToArray();
}
