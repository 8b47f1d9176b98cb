using Pipeline.Models.PixelCnn;

namespace Pipeline.Export.Converters;

/// <summary>
/// The gated PixelCNN (Pipeline.Models.PixelCnn) in standard ONNX operators: a masked convolution is a plain Conv whose
/// weight has the mask multiplied in and whose asymmetric pads put the current position at the kernel's edge; the gated
/// unit is Split → Tanh · Sigmoid; class biases and index inputs are Gather over their embeddings.
/// </summary>
public static class PixelCnnConverters
{
    /// <summary>Registers the converters.</summary>
    public static void Register(ConverterRegistry registry)
    {
        registry.Register<MaskedConv2d>(ConvertMaskedConv);
        registry.Register<GatedLayer>(ConvertGatedLayer);
        registry.Register<Models.PixelCnn.PixelCnn>(ConvertPixelCnn);
    }

    // The mask is constant, so W·M is the weight ONNX needs; it is named "<path>.weight", not the unmasked "conv.weight".
    private static IReadOnlyList<string> ConvertMaskedConv(ExportContext context, MaskedConv2d conv, IReadOnlyList<string> inputs)
    {
        using var noGrad = no_grad();
        using var masked = conv.MaskedWeight().detach();
        var weight = context.Parameter("weight", masked);
        var bias = conv.Conv.bias is null ? null : context.Parameter("bias", conv.Conv.bias);
        var (top, bottom, left, right) = conv.Padding;
        return [context.Graph.Conv(inputs[0], weight, bias, [1, 1], [top, left, bottom, right], [1, 1], 1)];
    }

    // Inputs: v, h, labels, condition map ("" when absent) → v', h', skip (van den Oord et al. 2016, figure 2).
    private static IReadOnlyList<string> ConvertGatedLayer(ExportContext context, GatedLayer layer, IReadOnlyList<string> inputs)
    {
        var graph = context.Graph;
        var (v, h) = (inputs[0], inputs[1]);
        var labels = inputs.Count > 2 ? inputs[2] : string.Empty;
        var condition = inputs.Count > 3 ? inputs[3] : string.Empty;
        string Child(TorchSharp.torch.nn.Module module, string x) => context.Convert(module, x, ExportContext.ChildName(layer, module));

        var verticalPre = Child(layer.Vertical, v);                                                      // (B, 2p, H, W)
        var horizontalPre = graph.Add(Child(layer.Horizontal, h), Child(layer.VerticalToHorizontal, verticalPre));
        var verticalOut = Gate(graph, Conditioned(context, layer, verticalPre, layer.ClassVertical, layer.ConditionVertical, labels, condition), layer.Channels);
        var gated = Gate(graph, Conditioned(context, layer, horizontalPre, layer.ClassHorizontal, layer.ConditionHorizontal, labels, condition), layer.Channels);
        var projected = Child(layer.HorizontalOut, gated);
        var horizontalOut = layer.Residual ? graph.Add(h, projected) : projected;
        return [verticalOut, horizontalOut, Child(layer.Skip, gated)];
    }

    private static string Gate(OnnxGraphBuilder graph, string preActivation, long channels)
    {
        var halves = graph.Split(preActivation, 1, [channels, channels]);
        return graph.Mul(graph.Tanh(halves[0]), graph.Sigmoid(halves[1]));
    }

    private static string Conditioned(ExportContext context, GatedLayer layer, string preActivation, TorchSharp.Modules.Embedding? byClass, TorchSharp.Modules.Conv2d? bySpace, string labels, string condition)
    {
        var graph = context.Graph;
        if (byClass is not null && labels.Length > 0)
        {
            var bias = context.Convert(byClass, labels, ExportContext.ChildName(layer, byClass));         // (B, 2p)
            preActivation = graph.Add(preActivation, graph.Reshape(bias, [0, 2 * layer.Channels, 1, 1]));
        }

        if (bySpace is not null && condition.Length > 0)
        {
            preActivation = graph.Add(preActivation, context.Convert(bySpace, condition, ExportContext.ChildName(layer, bySpace)));
        }

        return preActivation;
    }

    // Inputs in order: grid (B, H, W) int64, then labels (B) int64 when class-conditional, then the condition grid
    // (B, Hc, Wc) int64 when spatially conditioned → logits (B, K, H, W).
    private static IReadOnlyList<string> ConvertPixelCnn(ExportContext context, Models.PixelCnn.PixelCnn net, IReadOnlyList<string> inputs)
    {
        var o = net.Options;
        var graph = context.Graph;
        var expected = 1 + (o.IsClassConditional ? 1 : 0) + (o.IsSpatiallyConditioned ? 1 : 0);
        if (inputs.Count != expected)
        {
            throw new ArgumentException($"The PixelCNN at '{context.Path}' takes {expected} input(s) (grid{(o.IsClassConditional ? ", labels" : "")}{(o.IsSpatiallyConditioned ? ", condition" : "")}), got {inputs.Count}.");
        }

        var labels = o.IsClassConditional ? inputs[1] : string.Empty;
        var conditionMap = o.IsSpatiallyConditioned ? ConditionMap(context, net, inputs[0], inputs[^1]) : string.Empty;
        var features = Features(context, net, inputs[0]);
        var (v, h) = (features, features);
        string? skips = null;
        for (var i = 0; i < net.Layers.Count; i++)
        {
            var outputs = context.Convert(net.Layers[i], [v, h, labels, conditionMap], $"layers.{i}");
            (v, h) = (outputs[0], outputs[1]);
            skips = skips is null ? outputs[2] : graph.Add(skips, outputs[2]);
        }

        var hidden = graph.Relu(context.Convert(net.OutputHidden, graph.Relu(skips!), ExportContext.ChildName(net, net.OutputHidden)));
        return [context.Convert(net.OutputLogits, hidden, ExportContext.ChildName(net, net.OutputLogits))];
    }

    // Intensity 2k/(K−1) − 1 as one channel, or the embedding moved to channels: (B, H, W) → (B, E, H, W).
    private static string Features(ExportContext context, Models.PixelCnn.PixelCnn net, string grid)
    {
        var graph = context.Graph;
        var o = net.Options;
        if (net.InputEmbedding is { } embedding)
        {
            return graph.Transpose(context.Convert(embedding, grid, ExportContext.ChildName(net, embedding)), [0, 3, 1, 2]);
        }

        var shape = graph.RequireShape(grid);
        var cast = graph.AddNode("Cast", [grid], 1, OnnxAttribute.Int("to", (long)OnnxElementType.Float32))[0];
        graph.SetFacts(cast, OnnxElementType.Float32, shape);
        var intensity = graph.Sub(graph.Mul(cast, graph.Constant([(float)(2.0 / (o.Levels - 1))])), graph.Constant([1f]));
        return graph.Reshape(intensity, [0, 1, -1, o.Width]);   // −1: any number of rows, for bands
    }

    // Nearest-neighbour upsampling of the condition codes as two Gathers of constant source rows and columns (exactly
    // the model's ⌊r·Hc/H⌋), then the embedding: (B, Hc, Wc) → (B, Cs, H, W). The source rows are cut to the grid's
    // row count, so a band of h rows from row 0 reads condition rows ⌊r·Hc/H⌋ for r < h, and a band from a row s where
    // that map shifts by whole rows reads the same given the condition from row ⌊s·Hc/H⌋ on.
    private static string ConditionMap(ExportContext context, Models.PixelCnn.PixelCnn net, string grid, string condition)
    {
        var graph = context.Graph;
        var (rows, columns) = net.UpsamplingIndices();
        var allRows = graph.Constant(rows.data<long>().ToArray());
        var gridRows = graph.AddNode("Shape", [grid], 1, OnnxAttribute.Int("start", 1), OnnxAttribute.Int("end", 2))[0];   // [h]
        graph.SetFacts(gridRows, OnnxElementType.Int64, [1]);
        var bandRows = graph.AddNode("Slice", [allRows, graph.Constant(0), gridRows, graph.Constant(0)], 1)[0];          // [h]
        graph.SetFacts(bandRows, OnnxElementType.Int64, graph.RequireShape(allRows));
        var upsampled = graph.Gather(condition, bandRows, axis: 1);
        upsampled = graph.Gather(upsampled, graph.Constant(columns.data<long>().ToArray()), axis: 2);              // (B, H, W)
        var embedded = context.Convert(net.ConditionEmbedding!, upsampled, ExportContext.ChildName(net, net.ConditionEmbedding!)); // (B, H, W, Cs)
        return graph.Transpose(embedded, [0, 3, 1, 2]);
    }
}
