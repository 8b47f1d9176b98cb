using System.Globalization;
using System.Text;
using Pipeline.Onnx.Graph;

namespace Pipeline.Onnx.Summary;

/// <summary>
/// What an ONNX file holds: inputs, outputs, parameter count, multiply-accumulates per sample and metadata. MACs
/// are counted for Gemm, MatMul, Conv and ConvTranspose from weight shapes and the value_info shapes the exporter
/// writes; a model without those shapes (from another producer) reports <see cref="MacsComplete"/> = false. A graph
/// exported with symbolic height and width has no intermediate shapes; its exporter counted the MACs at the trained
/// size before relaxing them and left the count in the metadata (<see cref="OnnxMetadataKeys.MacsPerSample"/>), which
/// is reported with <see cref="MacsImageSize"/>.
/// </summary>
public sealed class OnnxModelSummary
{
    private OnnxModelSummary()
    {
    }

    /// <summary>The file read, or null when summarised from memory.</summary>
    public string? Path { get; private init; }

    /// <summary>IR version.</summary>
    public long IrVersion { get; private init; }

    /// <summary>Default-domain opset.</summary>
    public long Opset { get; private init; }

    /// <summary>Producer name and version.</summary>
    public string Producer { get; private init; } = string.Empty;

    /// <summary>Graph inputs.</summary>
    public IReadOnlyList<OnnxValueSummary> Inputs { get; private init; } = [];

    /// <summary>Graph outputs.</summary>
    public IReadOnlyList<OnnxValueSummary> Outputs { get; private init; } = [];

    /// <summary>Elements of the trained initializers (running statistics excluded).</summary>
    public long ParameterCount { get; private init; }

    /// <summary>Elements of non-trained initializers (running statistics).</summary>
    public long BufferCount { get; private init; }

    /// <summary>Multiply-accumulates per sample over the counted operators.</summary>
    public long MacsPerSample { get; private init; }

    /// <summary>False when some counted operator's shapes were unknown, so <see cref="MacsPerSample"/> is a lower bound.</summary>
    public bool MacsComplete { get; private init; }

    /// <summary>
    /// The input size ("HxW") <see cref="MacsPerSample"/> holds for when the graph's image size is symbolic (counted by
    /// the exporter at the trained size); null when the graph's own shapes gave the count.
    /// </summary>
    public string? MacsImageSize { get; private init; }

    /// <summary>Number of nodes.</summary>
    public int NodeCount { get; private init; }

    /// <summary>Nodes with weights or MACs, in graph order.</summary>
    public IReadOnlyList<OnnxLayerSummary> Layers { get; private init; } = [];

    /// <summary>metadata_props.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; private init; } = new Dictionary<string, string>();

    /// <summary>Reads and summarises an ONNX file.</summary>
    public static OnnxModelSummary Read(string path) => FromModel(OnnxFile.Read(path), path);

    /// <summary>Summarises an in-memory model.</summary>
    public static OnnxModelSummary FromModel(ModelProto model, string? path = null)
    {
        var graph = model.Graph;
        var weights = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var shapes = graph.Input.Concat(graph.Output).Concat(graph.ValueInfo)
            .Where(v => v.Type?.TensorType?.Shape is not null)
            .GroupBy(v => v.Name)
            .ToDictionary(g => g.Key, g => Dims(g.First().Type.TensorType.Shape), StringComparer.Ordinal);
        foreach (var (name, tensor) in weights)
        {
            shapes[name] = tensor.Dims.ToArray();
        }

        var complete = true;
        var layers = new List<OnnxLayerSummary>();
        foreach (var node in graph.Node)
        {
            var parameters = node.Input.Where(i => weights.TryGetValue(i, out var w) && w.DocString != OnnxGraphBuilder.BufferDocString)
                .Sum(i => OnnxTensors.ElementCount(weights[i]));
            var macs = Macs(node, shapes);
            complete &= macs is not null;
            if (parameters > 0 || macs > 0)
            {
                layers.Add(new OnnxLayerSummary(node.Name, node.OpType, parameters, macs ?? 0));
            }
        }

        var metadata = model.MetadataProps.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var total = layers.Sum(l => l.MacsPerSample);
        string? macsImageSize = null;
        if (!complete && metadata.TryGetValue(OnnxMetadataKeys.MacsPerSample, out var stored) && metadata.TryGetValue(OnnxMetadataKeys.MacsImageSize, out var size)
            && long.TryParse(stored, NumberStyles.None, CultureInfo.InvariantCulture, out var counted))
        {
            (total, complete, macsImageSize) = (counted, true, size);
        }

        return new OnnxModelSummary
        {
            Path = path,
            IrVersion = model.IrVersion,
            Opset = model.OpsetImport.Where(o => o.Domain is "" or "ai.onnx").Select(o => o.Version).DefaultIfEmpty(0).Max(),
            Producer = $"{model.ProducerName} {model.ProducerVersion}".Trim(),
            Inputs = graph.Input.Where(i => !weights.ContainsKey(i.Name)).Select(Describe).ToArray(),
            Outputs = graph.Output.Select(Describe).ToArray(),
            ParameterCount = weights.Values.Where(w => w.DocString != OnnxGraphBuilder.BufferDocString).Sum(OnnxTensors.ElementCount),
            BufferCount = weights.Values.Where(w => w.DocString == OnnxGraphBuilder.BufferDocString).Sum(OnnxTensors.ElementCount),
            MacsPerSample = total,
            MacsComplete = complete,
            MacsImageSize = macsImageSize,
            NodeCount = graph.Node.Count,
            Layers = layers,
            Metadata = metadata,
        };
    }

    /// <summary>A plain-text report: header, inputs and outputs, counts, per-layer table and metadata.</summary>
    public string Describe()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"ONNX model {Path ?? "(in memory)"}");
        text.AppendLine(c, $"  IR {IrVersion}, opset {Opset}, producer {Producer}, {NodeCount} nodes");
        AppendValues(text, "Inputs", Inputs);
        AppendValues(text, "Outputs", Outputs);
        text.AppendLine(c, $"Parameters: {ParameterCount:N0}{(BufferCount > 0 ? string.Format(c, " (+{0:N0} buffer elements)", BufferCount) : string.Empty)}");
        var macsNote = MacsImageSize is { } at ? $" at {at} (height and width are symbolic; counted by the exporter at this size)"
            : MacsComplete ? string.Empty : " (lower bound: some shapes unknown)";
        text.AppendLine(c, $"MACs per sample: {MacsPerSample:N0}{macsNote}");
        if (Layers.Count > 0)
        {
            var width = Math.Max(5, Layers.Max(l => l.Name.Length));
            text.AppendLine(c, $"  {"Layer".PadRight(width)}  {"Op",-14} {"Params",12} {"MACs",14}");
            foreach (var layer in Layers)
            {
                text.AppendLine(c, $"  {layer.Name.PadRight(width)}  {layer.OpType,-14} {layer.Parameters,12:N0} {layer.MacsPerSample,14:N0}");
            }
        }

        if (Metadata.Count > 0)
        {
            text.AppendLine("Metadata:");
            var width = Metadata.Keys.Max(k => k.Length);
            foreach (var (key, value) in Metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                text.AppendLine(c, $"  {key.PadRight(width)}  {value}");
            }
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Describe();

    // Per-sample MACs: the batch is the leading axis of activations; weights have none.
    private static long? Macs(NodeProto node, Dictionary<string, long[]> shapes)
    {
        long[]? Shape(int input) => input < node.Input.Count && shapes.TryGetValue(node.Input[input], out var s) ? s : null;
        long[]? Output() => shapes.TryGetValue(node.Output[0], out var s) ? s : null;
        static long PerSample(long[] shape) => shape.Skip(1).Aggregate(1L, (p, d) => p * d);

        switch (node.OpType)
        {
            case "Gemm":
            {
                var b = Shape(1);
                return b is null ? null : b[0] * b[1];
            }

            case "MatMul":
            {
                var a = Shape(0);
                var b = Shape(1);
                return a is null || b is not { Length: 2 } ? null : PerSample(a) * b[1];
            }

            case "Conv":
            {
                var w = Shape(1);
                var y = Output();
                return w is null || y is null ? null : PerSample(y) * PerSample(w);
            }

            case "ConvTranspose":
            {
                var w = Shape(1);
                var x = Shape(0);
                return w is null || x is null ? null : PerSample(x) * PerSample(w);
            }

            default:
                return 0;
        }
    }

    private static long[] Dims(TensorShapeProto shape) =>
        shape.Dim.Select(d => d.HasDimValue ? d.DimValue : OnnxGraphBuilder.DynamicBatch).ToArray();

    private static OnnxValueSummary Describe(ValueInfoProto value)
    {
        var tensor = value.Type?.TensorType;
        var dims = tensor?.Shape?.Dim.ToArray() ?? [];
        var text = tensor?.Shape is null ? "?" : "[" + string.Join(", ", dims.Select(d => d.HasDimValue ? d.DimValue.ToString(CultureInfo.InvariantCulture) : d.DimParam)) + "]";
        var type = tensor is null ? "?" : ((TensorProto.Types.DataType)tensor.ElemType).ToString().ToLowerInvariant() switch
        {
            "float" => "float32",
            var other => other,
        };
        return new OnnxValueSummary(value.Name, type, tensor?.Shape is null ? [] : Dims(tensor.Shape), text);
    }

    private static void AppendValues(StringBuilder text, string title, IReadOnlyList<OnnxValueSummary> values)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"{title}:");
        var width = values.Count == 0 ? 0 : values.Max(v => v.Name.Length);
        foreach (var value in values)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {value.Name.PadRight(width)}  {value.ElementType,-8} {value.ShapeText}");
        }
    }
}
