using TorchSharp;

namespace Pipeline.Export;

/// <summary>
/// What a converter sees: the graph being built, the registry to delegate child modules to, and the dotted path
/// of the module being converted (from which initializer and node names are made, e.g. "decoder.hidden.weight").
/// </summary>
public sealed class ExportContext
{
    private readonly Stack<string> _paths = new();

    /// <summary>Creates a context whose parameters are named under <paramref name="rootPath"/> ("" for none).</summary>
    public ExportContext(OnnxGraphBuilder graph, ConverterRegistry converters, string rootPath = "")
    {
        Graph = graph;
        Converters = converters;
        _paths.Push(rootPath);
    }

    /// <summary>The graph being built.</summary>
    public OnnxGraphBuilder Graph { get; }

    /// <summary>The converters child modules are dispatched to.</summary>
    public ConverterRegistry Converters { get; }

    /// <summary>Dotted path of the module being converted.</summary>
    public string Path => _paths.Peek();

    /// <summary>
    /// Converts <paramref name="module"/> (the current module's child <paramref name="name"/>, or the current module
    /// itself when <paramref name="name"/> is empty) applied to <paramref name="inputs"/>, with the converter its
    /// runtime type is registered with.
    /// </summary>
    /// <exception cref="UnsupportedModuleException">No converter handles the module's type.</exception>
    public IReadOnlyList<string> Convert(nn.Module module, IReadOnlyList<string> inputs, string name)
    {
        ArgumentNullException.ThrowIfNull(module);
        var path = Join(Path, name);
        var converter = Converters.Resolve(module.GetType(), path);
        var outerScope = Graph.Scope;
        _paths.Push(path);
        Graph.Scope = path;
        try
        {
            return converter.Convert(this, module, inputs);
        }
        finally
        {
            _paths.Pop();
            Graph.Scope = outerScope;
        }
    }

    /// <summary>Converts a one-input, one-output child module.</summary>
    public string Convert(nn.Module module, string input, string name)
    {
        var outputs = Convert(module, new[] { input }, name);
        if (outputs.Count != 1)
        {
            throw new InvalidOperationException($"Module '{Join(Path, name)}' ({module.GetType().Name}) has {outputs.Count} outputs where one was expected.");
        }

        return outputs[0];
    }

    /// <summary>The name under which <paramref name="parent"/> registered <paramref name="child"/> (its checkpoint key).</summary>
    public static string ChildName(nn.Module parent, nn.Module child) =>
        parent.named_children().FirstOrDefault(c => ReferenceEquals(c.module, child)).name
        ?? throw new ArgumentException($"{child.GetType().Name} is not a registered child of {parent.GetType().Name}.", nameof(child));

    /// <summary>
    /// Adds a trained tensor of the current module as a float32 initializer named "{Path}.{name}"; a module called
    /// twice at the same path shares the one initializer.
    /// </summary>
    public string Parameter(string name, Tensor tensor) => Initializer(name, tensor, isBuffer: false);

    /// <summary>Adds non-trained state (running statistics) as an initializer named "{Path}.{name}".</summary>
    public string Buffer(string name, Tensor tensor) => Initializer(name, tensor, isBuffer: true);

    private string Initializer(string name, Tensor tensor, bool isBuffer)
    {
        var fullName = Join(Path, name);
        return Graph.Contains(fullName) ? fullName : Graph.AddInitializer(fullName, TorchTensors.FromTorch(string.Empty, tensor), isBuffer);
    }

    /// <summary>Joins dotted path segments, skipping empty ones.</summary>
    public static string Join(string prefix, string name) =>
        prefix.Length == 0 ? name : name.Length == 0 ? prefix : $"{prefix}.{name}";
}
