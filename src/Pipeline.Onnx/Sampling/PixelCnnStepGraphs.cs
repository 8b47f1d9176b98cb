using System.Globalization;
using Pipeline.Onnx.Graph;

namespace Pipeline.Onnx.Sampling;

/// <summary>
/// The layer structure of an exported gated PixelCNN, read from its initializers (<c>layers.N.vertical.weight</c>, ...,
/// the names our exporter gives them): what <see cref="PixelCnnStepGraphs"/> needs to rebuild it as step graphs.
/// </summary>
/// <param name="Levels">K, the levels at each position</param>
/// <param name="Width">W, the grid's columns</param>
/// <param name="Channels">p, the channels of both stacks</param>
/// <param name="VerticalRows">rows ⌈n/2⌉ of each layer's vertical kernel (the last one the current row)</param>
/// <param name="HorizontalColumns">columns ⌈n/2⌉ of each layer's horizontal kernel (the last one the current column)</param>
/// <param name="Residual">whether each layer's horizontal stack adds its input back</param>
/// <param name="Embedded">the grid enters through <c>inputEmbedding</c> (codes), not as intensities (pixels)</param>
/// <param name="ClassConditional">each layer has class biases, so the graphs take <c>label</c></param>
/// <param name="Condition">(rows, columns) of the spatial condition grid, or null</param>
public sealed record PixelCnnLayout(
    int Levels,
    int Width,
    int Channels,
    IReadOnlyList<int> VerticalRows,
    IReadOnlyList<int> HorizontalColumns,
    IReadOnlyList<bool> Residual,
    bool Embedded,
    bool ClassConditional,
    (int Height, int Width)? Condition)
{
    /// <summary>The gated layers.</summary>
    public int Layers => VerticalRows.Count;
}

/// <summary>
/// A committed PixelCNN export rewritten into the two graphs of cached sampling (Ramachandran et al. 2017, "Fast
/// Generation for Convolutional Autoregressive Models": each layer keeps the activations later positions read, so a
/// position costs one network evaluation at one position, not a band of rows):
/// <list type="bullet">
/// <item><see cref="Row"/>, once per grid row r: the vertical stack of every layer at row r only, from the rows above
/// held as state. Inputs <c>rows</c> (B, a + 1, W) int64, grid rows r − a … r (a = min(r, ⌈n₁/2⌉ − 1); row r is masked,
/// any value), [<c>label</c> (B)], [<c>condition_row</c> (B, 1, Wc) int64, the condition row row r is upsampled from],
/// <c>vertical_in.l</c> (B, p, ⌈n/2⌉ − 1, W) for l ≥ 1, the vertical stack v_{l−1} at the rows above r (zeros above row 0);
/// outputs <c>vertical_out.l</c> (B, p, 1, W) for l &lt; L − 1, v_l at row r (the caller shifts them into the state),
/// <c>link.l</c> (B, 2p, 1, W) the vertical→horizontal link of layer l at row r, and with a condition
/// <c>condition_link.l</c> (B, 2p, 1, W), the condition's share of the horizontal pre-activation.</item>
/// <item><see cref="Step"/>, once per position (r, j): the horizontal stack and the head at (r, j) only. Inputs
/// <c>columns</c> (B, 1, a + 1) int64, row r's columns j − a … j (a = min(j, ⌈n₁/2⌉ − 1); column j masked),
/// [<c>label</c>], <c>column</c> [1] int64 = j, the row graph's <c>link.l</c> [and <c>condition_link.l</c>] for the
/// whole row, <c>horizontal_in.l</c> (B, p, 1, ⌈n/2⌉ − 1) for l ≥ 1, the horizontal stack h_{l−1} left of j on row r
/// (zeros left of column 0); outputs <c>logits</c> (B, K) and <c>horizontal_out.l</c> (B, p, 1, 1) for
/// l &lt; L − 1, h_l at (r, j).</item>
/// </list>
/// Every value is the same sum of the same products, added in the same order, as in the whole graph, on the same
/// weights and the same zero padding (the first layer through a band of at most ⌈n₁/2⌉ rows or columns; a convolution
/// at one position as a Gemm over the batch). The logits then agree with the whole graph's up to how ONNX Runtime's
/// kernels round on other shapes: on the committed models, 64 grids per model drew the same levels at every position.
/// </summary>
public sealed class PixelCnnStepGraphs
{
    /// <summary>Names of the graphs' inputs and outputs.</summary>
    public const string RowsInput = "rows", LabelInput = "label", ConditionRowInput = "condition_row", ColumnsInput = "columns", ColumnInput = "column", LogitsOutput = "logits";

    private const long Band = -2;
    private const string BandDimName = "band";

    private readonly ModelProto _source;
    private readonly Dictionary<string, TensorProto> _weights;

    private PixelCnnStepGraphs(ModelProto source, Dictionary<string, TensorProto> weights, PixelCnnLayout layout)
    {
        _source = source;
        _weights = weights;
        Layout = layout;
        Row = BuildRow();
        Step = BuildStep();
    }

    /// <summary>What was read from the export.</summary>
    public PixelCnnLayout Layout { get; }

    /// <summary>The per-row graph (vertical stacks).</summary>
    public ModelProto Row { get; }

    /// <summary>The per-position graph (horizontal stacks and head).</summary>
    public ModelProto Step { get; }

    /// <summary><c>vertical_in.l</c>, the state of layer l's vertical convolution.</summary>
    public static string VerticalIn(int layer) => $"vertical_in.{layer}";

    /// <summary><c>vertical_out.l</c>, layer l's vertical stack at the new row.</summary>
    public static string VerticalOut(int layer) => $"vertical_out.{layer}";

    /// <summary><c>link.l</c>, layer l's vertical→horizontal link along the new row.</summary>
    public static string Link(int layer) => $"link.{layer}";

    /// <summary><c>condition_link.l</c>, the condition's share of layer l's horizontal pre-activation along the new row.</summary>
    public static string ConditionLink(int layer) => $"condition_link.{layer}";

    /// <summary><c>horizontal_in.l</c>, the state of layer l's horizontal convolution.</summary>
    public static string HorizontalIn(int layer) => $"horizontal_in.{layer}";

    /// <summary><c>horizontal_out.l</c>, layer l's horizontal stack at the new position.</summary>
    public static string HorizontalOut(int layer) => $"horizontal_out.{layer}";

    /// <summary>
    /// Rewrites an autoregressive export of ours into step graphs; null, with the reason, when its initializers do not
    /// have the gated PixelCNN's names and shapes (a foreign or future graph keeps the whole-graph path).
    /// </summary>
    public static PixelCnnStepGraphs? TryCreate(ModelProto model, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(model);
        var weights = model.Graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var metadata = OnnxFile.Metadata(model);
        reason = null;
        int? Number(string key) => metadata.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
        long[]? Dims(string name) => weights.TryGetValue(name, out var t) ? [.. t.Dims] : null;

        if (Number(OnnxMetadataKeys.Autoregressive.Levels) is not { } levels || Number(OnnxMetadataKeys.Autoregressive.GridWidth) is not { } width)
        {
            reason = "the metadata states no levels or grid width";
            return null;
        }

        var (verticalRows, horizontalColumns, residual) = (new List<int>(), new List<int>(), new List<bool>());
        var channels = Dims("layers.0.horizontalOut.weight") is { } outWeight ? (int)outWeight[0] : 0;
        for (var l = 0; Dims($"layers.{l}.vertical.weight") is { Length: 4 } vertical; l++)
        {
            if (Dims($"layers.{l}.horizontal.weight") is not [_, var inChannels, 1, var columns] || vertical[0] != 2 * channels
                || Dims($"layers.{l}.verticalToHorizontal.weight") is null || Dims($"layers.{l}.skip.weight") is null)
            {
                reason = $"layer {l} lacks the gated layer's weights";
                return null;
            }

            verticalRows.Add((int)vertical[2]);
            horizontalColumns.Add((int)columns);
            residual.Add(l > 0 && inChannels == channels);
        }

        if (verticalRows.Count == 0 || Dims("outputHidden.weight") is null || Dims("outputLogits.weight") is null)
        {
            reason = "it has no gated PixelCNN layers (layers.0.vertical.weight) or head";
            return null;
        }

        (int, int)? condition = null;
        if (weights.ContainsKey("layers.0.conditionHorizontal.weight"))
        {
            if (Number(OnnxMetadataKeys.Autoregressive.ConditionHeight) is not { } ch || Number(OnnxMetadataKeys.Autoregressive.ConditionWidth) is not { } cw || !weights.ContainsKey("conditionEmbedding.weight"))
            {
                reason = "it is spatially conditioned but states no condition grid";
                return null;
            }

            condition = (ch, cw);
        }

        var layout = new PixelCnnLayout(levels, width, channels, verticalRows, horizontalColumns, residual,
            weights.ContainsKey("inputEmbedding.weight"), weights.ContainsKey("layers.0.classHorizontal.weight"), condition);
        return new PixelCnnStepGraphs(model, weights, layout);
    }

    private ModelProto BuildRow()
    {
        var o = Layout;
        var graph = new OnnxGraphBuilder(Opset());
        var batch = OnnxGraphBuilder.DynamicBatch;
        var rows = graph.AddInput(RowsInput, OnnxElementType.Int64, [batch, Band, o.Width]);
        var label = o.ClassConditional ? graph.AddInput(LabelInput, OnnxElementType.Int64, [batch]) : null;
        var conditionMap = o.Condition is { } c ? ConditionMap(graph, graph.AddInput(ConditionRowInput, OnnxElementType.Int64, [batch, 1, c.Width])) : null;
        string? v = null;
        for (var l = 0; l < o.Layers; l++)
        {
            var half = graph.RequireShape(Weight(graph, $"layers.{l}.vertical.weight"))[3] / 2;
            string verticalPre;
            if (l == 0)
            {
                // The first layer on a band of at most ⌈n₁/2⌉ rows with the whole graph's top padding, then its last row.
                var conv = graph.Conv(Features(graph, rows), Weight(graph, "layers.0.vertical.weight"), Weight(graph, "layers.0.vertical.bias"),
                    [1, 1], [o.VerticalRows[0] - 1, half, 0, half], [1, 1], 1);
                verticalPre = Last(graph, conv, 2);
            }
            else
            {
                var state = graph.AddInput(VerticalIn(l), OnnxElementType.Float32, [batch, o.Channels, o.VerticalRows[l] - 1, o.Width]);
                var window = graph.Concat([state, v!], 2);                                             // (B, p, ⌈n/2⌉, W)
                verticalPre = graph.Conv(window, Weight(graph, $"layers.{l}.vertical.weight"), Weight(graph, $"layers.{l}.vertical.bias"), [1, 1], [0, half, 0, half], [1, 1], 1);
            }

            graph.AddOutput(graph.Conv(verticalPre, Weight(graph, $"layers.{l}.verticalToHorizontal.weight"), Weight(graph, $"layers.{l}.verticalToHorizontal.bias"), [1, 1], [0, 0, 0, 0], [1, 1], 1), Link(l));
            var conditioned = Conditioned(graph, l, verticalPre, "Vertical", label, conditionMap);
            v = Gate(graph, conditioned);                                                             // (B, p, 1, W)
            if (conditionMap is not null)
            {
                graph.AddOutput(ConditionConv(graph, l, "Horizontal", conditionMap), ConditionLink(l));
            }

            if (l < o.Layers - 1)
            {
                graph.AddOutput(v, VerticalOut(l));
                v = VerticalOut(l);   // the output renames the value in place
            }
        }

        return Finish(graph.BuildModel("pixelcnn_row", OnnxFile.Metadata(_source).ToDictionary()));
    }

    // Every convolution at one position is a Gemm over the whole batch, (B, Cin·k) · (Cout, Cin·k)ᵀ: ONNX Runtime's Conv
    // would run one matrix-vector product per image. The reduction runs over the same Cin·k products in the same order
    // (im2col's channel-major, column-minor order), on the same weights reshaped.
    private ModelProto BuildStep()
    {
        var o = Layout;
        var graph = new OnnxGraphBuilder(Opset());
        var batch = OnnxGraphBuilder.DynamicBatch;
        var columns = graph.AddInput(ColumnsInput, OnnxElementType.Int64, [batch, 1, Band]);
        var label = o.ClassConditional ? graph.AddInput(LabelInput, OnnxElementType.Int64, [batch]) : null;
        var column = graph.AddInput(ColumnInput, OnnxElementType.Int64, [1]);
        var links = Enumerable.Range(0, o.Layers).Select(l => graph.AddInput(Link(l), OnnxElementType.Float32, [batch, 2 * o.Channels, 1, o.Width])).ToArray();
        var conditionLinks = o.Condition is null ? null
            : Enumerable.Range(0, o.Layers).Select(l => graph.AddInput(ConditionLink(l), OnnxElementType.Float32, [batch, 2 * o.Channels, 1, o.Width])).ToArray();
        string? h = null;                                                                             // (B, p)
        string? skips = null;
        for (var l = 0; l < o.Layers; l++)
        {
            string window;                                                                            // (B, Cin, 1, k)
            if (l == 0)
            {
                // The first layer's band of at most k columns, zero-padded on the left as the whole graph pads it, its last k columns.
                var k = o.HorizontalColumns[0];
                var padded = graph.Pad(Features(graph, columns), [0, 0, 0, k - 1, 0, 0, 0, 0], "constant");
                window = graph.AddNode("Slice", [padded, graph.Constant(-k), graph.Constant(long.MaxValue), graph.Constant(3)], 1)[0];
                graph.SetFacts(window, OnnxElementType.Float32, [batch, graph.RequireShape(padded)[1], 1, k]);
            }
            else
            {
                var state = graph.AddInput(HorizontalIn(l), OnnxElementType.Float32, [batch, o.Channels, 1, o.HorizontalColumns[l] - 1]);
                window = graph.Concat([state, graph.Reshape(h!, [0, o.Channels, 1, 1])], 3);
            }

            var horizontalPre = graph.Add(Dense(graph, $"layers.{l}.horizontal", window), At(graph, links[l], column));   // (B, 2p)
            if (label is not null)
            {
                horizontalPre = graph.Add(horizontalPre, graph.Gather(Weight(graph, $"layers.{l}.classHorizontal.weight"), label, 0));
            }

            if (conditionLinks is not null)
            {
                horizontalPre = graph.Add(horizontalPre, At(graph, conditionLinks[l], column));
            }

            var gated = Gate(graph, horizontalPre);                                                   // (B, p)
            var projected = Dense(graph, $"layers.{l}.horizontalOut", gated);
            h = o.Residual[l] ? graph.Add(h!, projected) : projected;
            var skip = Dense(graph, $"layers.{l}.skip", gated);
            skips = skips is null ? skip : graph.Add(skips, skip);
            if (l < o.Layers - 1)
            {
                graph.AddOutput(graph.Reshape(h, [0, o.Channels, 1, 1]), HorizontalOut(l));
            }
        }

        var hidden = graph.Relu(Dense(graph, "outputHidden", graph.Relu(skips!)));
        graph.AddOutput(Dense(graph, "outputLogits", hidden), LogitsOutput);                          // (B, K)
        return Finish(graph.BuildModel("pixelcnn_step", OnnxFile.Metadata(_source).ToDictionary()));
    }

    // A convolution applied at one position: x (B, Cin, 1, k) or (B, Cin) → (B, Cout), as a Gemm on the weight seen as (Cout, Cin·k).
    private string Dense(OnnxGraphBuilder graph, string module, string x)
    {
        var name = $"{module}.weight";
        var flat = $"{name}.dense";
        if (!graph.Contains(flat))
        {
            var weight = _weights[name];
            var tensor = new TensorProto { DataType = weight.DataType, RawData = weight.RawData };
            tensor.FloatData.AddRange(weight.FloatData);
            tensor.Dims.AddRange([weight.Dims[0], weight.Dims.Skip(1).Aggregate(1L, (product, d) => product * d)]);
            graph.AddInitializer(flat, tensor);
        }

        var rows = graph.RequireShape(x).Length == 2 ? x : graph.Flatten(x, 1);
        return graph.Gemm(rows, flat, Weight(graph, $"{module}.bias"), transposeB: true);
    }

    // values (B, C, 1, W) at column j → (B, C).
    private static string At(OnnxGraphBuilder graph, string values, string column) =>
        graph.Flatten(graph.Gather(values, column, 3), 1);

    // The band dimension the builder tracks as a placeholder becomes the symbolic "band"; intermediate shapes, which
    // the builder computed from the placeholder, are left to ONNX Runtime's own inference.
    private static ModelProto Finish(ModelProto model)
    {
        model.Graph.ValueInfo.Clear();
        foreach (var value in model.Graph.Input.Concat(model.Graph.Output))
        {
            foreach (var dim in value.Type.TensorType.Shape.Dim.Where(d => d.DimValue == Band))
            {
                dim.DimParam = BandDimName;
            }
        }

        return model;
    }

    private int Opset() => (int)_source.OpsetImport.Where(i => i.Domain.Length == 0).Select(i => i.Version).DefaultIfEmpty(OnnxVersions.DefaultOpset).First();

    // The whole graph's initializer, added once under its own name.
    private string Weight(OnnxGraphBuilder graph, string name) =>
        graph.Contains(name) ? name : graph.AddInitializer(name, _weights[name].Clone());

    private string Conv1x1(OnnxGraphBuilder graph, string module, string x) =>
        graph.Conv(x, Weight(graph, $"{module}.weight"), Weight(graph, $"{module}.bias"), [1, 1], [0, 0, 0, 0], [1, 1], 1);

    // Intensity 2k/(K−1) − 1 as one channel or the embedding moved to channels, as the exporter writes it: (B, h, w) → (B, E, h, w).
    private string Features(OnnxGraphBuilder graph, string grid)
    {
        if (Layout.Embedded)
        {
            return graph.Transpose(graph.Gather(Weight(graph, "inputEmbedding.weight"), grid, 0), [0, 3, 1, 2]);
        }

        var cast = graph.AddNode("Cast", [grid], 1, OnnxAttribute.Int("to", (long)OnnxElementType.Float32))[0];
        graph.SetFacts(cast, OnnxElementType.Float32, graph.RequireShape(grid));
        var intensity = graph.Sub(graph.Mul(cast, graph.Constant([(float)(2.0 / (Layout.Levels - 1))])), graph.Constant([1f]));
        var features = graph.AddNode("Unsqueeze", [intensity, graph.Constant(1)], 1)[0];
        var shape = graph.RequireShape(grid);
        graph.SetFacts(features, OnnxElementType.Float32, [shape[0], 1, .. shape[1..]]);
        return features;
    }

    // The last row (axis 2) or column (axis 3) of x, keeping the axis.
    private static string Last(OnnxGraphBuilder graph, string x, long axis)
    {
        var shape = graph.RequireShape(x).ToArray();
        shape[axis] = 1;
        var last = graph.AddNode("Slice", [x, graph.Constant(-1), graph.Constant(long.MaxValue), graph.Constant(axis)], 1)[0];
        graph.SetFacts(last, OnnxElementType.Float32, shape);
        return last;
    }

    // The condition row upsampled along the columns (source column ⌊c·Wc/W⌋) and embedded: (B, 1, Wc) → (B, Cs, 1, W).
    private string ConditionMap(OnnxGraphBuilder graph, string conditionRow)
    {
        var (_, conditionWidth) = Layout.Condition!.Value;
        var sources = Enumerable.Range(0, Layout.Width).Select(c => (long)c * conditionWidth / Layout.Width).ToArray();
        var upsampled = graph.Gather(conditionRow, graph.Constant(sources), 2);                       // (B, 1, W)
        return graph.Transpose(graph.Gather(Weight(graph, "conditionEmbedding.weight"), upsampled, 0), [0, 3, 1, 2]);
    }

    private string ConditionConv(OnnxGraphBuilder graph, int layer, string stack, string conditionMap) =>
        graph.Conv(conditionMap, Weight(graph, $"layers.{layer}.condition{stack}.weight"), null, [1, 1], [0, 0, 0, 0], [1, 1], 1);

    // + the class bias (eq. 4) [+ the condition map's 1×1 convolution (eq. 5)], in the whole graph's order.
    private string Conditioned(OnnxGraphBuilder graph, int layer, string preActivation, string stack, string? label, string? conditionMap)
    {
        if (label is not null)
        {
            var bias = graph.Gather(Weight(graph, $"layers.{layer}.class{stack}.weight"), label, 0);   // (B, 2p)
            preActivation = graph.Add(preActivation, graph.Reshape(bias, [0, 2 * Layout.Channels, 1, 1]));
        }

        return conditionMap is null ? preActivation : graph.Add(preActivation, ConditionConv(graph, layer, stack, conditionMap));
    }

    private string Gate(OnnxGraphBuilder graph, string preActivation)
    {
        var halves = graph.Split(preActivation, 1, [Layout.Channels, Layout.Channels]);
        return graph.Mul(graph.Tanh(halves[0]), graph.Sigmoid(halves[1]));
    }
}
