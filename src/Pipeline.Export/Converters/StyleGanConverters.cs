using Pipeline.Models.StyleGan;

namespace Pipeline.Export.Converters;

/// <summary>
/// StyleGAN2's layers with standard ONNX operators and a symbolic batch: the mapping network as Gemm + LeakyRelu,
/// the non-fused modulated convolution as Mul → Conv → Mul with the demodulation coefficients from one MatMul against
/// Σ_k w′² (precomputed from the weights), the fixed noise and bias as constant additions, bilinear ×2 upsampling as
/// Resize (linear, half_pixel), and the skip synthesis composed from them.
/// </summary>
public static class StyleGanConverters
{
    /// <summary>Registers the converters.</summary>
    public static void Register(ConverterRegistry registry)
    {
        registry.Register<MappingNetwork>(ConvertMapping);
        registry.Register<ModulatedConv2d>(ConvertModulatedConv);
        registry.Register<SynthesisLayer>(ConvertSynthesisLayer);
        registry.Register<ToRgbLayer>(ConvertToRgb);
        registry.Register<SynthesisNetwork>(ConvertSynthesis);
    }

    /// <summary>leaky_relu(x, 0.2) · √2 (<see cref="StyleActivation"/>).</summary>
    public static string Activation(OnnxGraphBuilder graph, string x) =>
        graph.Mul(graph.LeakyRelu(x, StyleActivation.Slope), graph.Constant([(float)StyleActivation.Gain]));

    /// <summary>Bilinear ×2 with half-pixel centres (<see cref="StyleResampling.Up"/>) on (B, C, H, W).</summary>
    public static string Upsample(OnnxGraphBuilder graph, string x) => graph.Resize(x, [1f, 1f, 2f, 2f], "linear", "half_pixel");

    // Inputs z (B, Z) and, for a conditional network, labels (B) int64 → w (B, W).
    private static IReadOnlyList<string> ConvertMapping(ExportContext context, MappingNetwork mapping, IReadOnlyList<string> inputs)
    {
        var graph = context.Graph;
        var x = context.Convert(mapping.Norm, inputs[0], "norm");                               // (B, Z)
        if (mapping.Embed is { } embed)
        {
            if (inputs.Count < 2)
            {
                throw new ArgumentException($"The conditional mapping network at '{context.Path}' needs a label input besides z.", nameof(inputs));
            }

            var embedded = context.Convert(embed, inputs[1], "embed");                           // (B, W)
            x = graph.Concat([x, context.Convert(mapping.Norm, embedded, "norm")], 1);           // (B, Z + W)
        }

        for (var i = 0; i < mapping.Layers.Count; i++)
        {
            x = Activation(graph, context.Convert(mapping.Layers[i], x, $"layers.{i}"));         // (B, W)
        }

        return [x];
    }

    // x·s → Conv(w′) → ·d (Karras et al. 2020, eq. 1–3); inputs x (B, in, H, W) and w (B, W).
    private static IReadOnlyList<string> ConvertModulatedConv(ExportContext context, ModulatedConv2d layer, IReadOnlyList<string> inputs)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var graph = context.Graph;
        var effective = layer.EffectiveWeight();                                                // (out, in, k, k)
        var (outChannels, inChannels) = (effective.shape[0], effective.shape[1]);
        var styles = context.Convert(layer.Affine, inputs[1], "affine");                         // (B, in)
        var modulated = graph.Mul(inputs[0], graph.Reshape(styles, [0, inChannels, 1, 1]));     // (B, in, H, W)
        var p = layer.Padding;
        var y = graph.Conv(modulated, context.Parameter("weight", effective), null, [1, 1], [p, p, p, p], [1, 1], 1);
        if (!layer.Demodulate)
        {
            return [y];
        }

        // d = 1/√(s² · (Σ_k w′²)ᵀ + ε): the (in, out) matrix depends on the weights only, so it is stored.
        var energy = context.Buffer("weight_energy", effective.square().sum([2, 3]).t().contiguous());
        var sum = graph.Add(graph.MatMul(graph.Mul(styles, styles), energy), graph.Constant([(float)ModulatedConv2d.Epsilon]));
        var d = graph.Unary("Reciprocal", graph.Unary("Sqrt", sum));                              // (B, out)
        return [graph.Mul(y, graph.Reshape(d, [0, outChannels, 1, 1]))];
    }

    // [Resize ×2] → modulated conv → + noise · strength → + bias → activation; inputs x and w (B, W).
    private static IReadOnlyList<string> ConvertSynthesisLayer(ExportContext context, SynthesisLayer layer, IReadOnlyList<string> inputs)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var graph = context.Graph;
        var x = layer.Upsample ? Upsample(graph, inputs[0]) : inputs[0];
        x = context.Convert(layer.Conv, [x, inputs[1]], "conv")[0];                             // (B, out, R, R)
        x = layer.NoiseMode switch
        {
            NoiseMode.Fixed => graph.Add(x, context.Buffer("noise", layer.NoiseStrength * layer.NoiseConst)), // (1, 1, R, R), drawn once
            NoiseMode.None => x,
            _ => throw new NotSupportedException(
                $"The synthesis layer at '{context.Path}' draws random noise on every call, which an ONNX graph cannot reproduce; set NoiseMode to Fixed or None before exporting."),
        };
        x = graph.Add(x, context.Parameter("bias", layer.Bias.reshape(1, -1, 1, 1)));
        return [Activation(graph, x)];
    }

    private static IReadOnlyList<string> ConvertToRgb(ExportContext context, ToRgbLayer layer, IReadOnlyList<string> inputs)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var rgb = context.Convert(layer.Conv, inputs, "conv")[0];                                // (B, C, R, R)
        return [context.Graph.Add(rgb, context.Parameter("bias", layer.Bias.reshape(1, -1, 1, 1)))];
    }

    // Input ws (B, L, W), or one w (B, W) that every layer takes (the one-call generator: no Gather per layer).
    private static IReadOnlyList<string> ConvertSynthesis(ExportContext context, SynthesisNetwork synthesis, IReadOnlyList<string> inputs)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var graph = context.Graph;
        var ws = inputs[0];
        var styleSize = synthesis.Options.StyleSize;
        var styles = new Dictionary<int, string>();
        string Style(int index) => graph.RequireShape(ws).Length == 2 ? ws
            : styles.TryGetValue(index, out var w) ? w
            : styles[index] = graph.Reshape(graph.Gather(ws, graph.Constant(index), 1), [0, styleSize]); // (B, W)

        // The constant stays (1, W₄, 4, 4): the first modulation broadcasts it to the batch.
        var x = context.Parameter("const", synthesis.Constant.unsqueeze(0));
        string? image = null;
        for (var i = 0; i < synthesis.Blocks.Count; i++)
        {
            var block = synthesis.Blocks[i];
            var indices = block.StyleIndices;
            var next = 0;
            if (block.Conv0 is { } conv0)
            {
                x = context.Convert(conv0, [x, Style(indices[next++])], $"blocks.{i}.conv0")[0];  // (B, W_R, R, R)
            }

            x = context.Convert(block.Conv1, [x, Style(indices[next++])], $"blocks.{i}.conv1")[0];
            var rgb = context.Convert(block.ToRgb, [x, Style(indices[next])], $"blocks.{i}.torgb")[0]; // (B, C, R, R)
            image = image is null ? rgb : graph.Add(Upsample(graph, image), rgb);
        }

        return [image!];
    }
}
