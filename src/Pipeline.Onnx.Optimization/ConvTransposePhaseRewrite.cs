namespace Pipeline.Onnx.Optimization;

/// <summary>
/// Rewrites an upsampling ConvTranspose of stride s as s² ordinary convolutions, one per output phase, whose outputs
/// Concat and DepthToSpace(s, DCR) interleave: the same function with the same multiply-adds.
/// <para>
/// Why: ONNX Runtime's CPU ConvTranspose is a GEMM into a column buffer of C_out·k² rows followed by col2im, a scatter
/// of every column back onto the image; a Conv runs in its blocked NCHWc kernels with no scatter. On the exported
/// pix2pix U-Net (batch 64, 1 thread, the two files alternating in one process) the rewrite made the whole generator
/// 1.56x faster, the DCGAN generator 1.10x, the VQ-VAE-2 decoder 1.04x; batch 1 was no slower. Layers with fewer than
/// <see cref="MinOutputChannels"/> output channels are left alone: four phase convolutions to one channel each were
/// slower than the ConvTranspose (a VQ-VAE-2 decoder's 64 → 1 output layer), and so are kernels the stride does not
/// divide: CycleGAN's 3×3 stride-2 layers, as phases of 1×1 to 2×2 kernels, made its generator 0.97x as fast.
/// </para>
/// <para>
/// The phases (one axis; the two axes are independent): output t = s·i + a of a ConvTranspose with kernel k, stride
/// s and leading pad p sums x[q]·W[κ] over t = s·q − p + κ. With r = (a + p) mod s, the taps κ = r + s·m (m = 0 …
/// M − 1, M = k / s when s divides k) read x[i + c − m], c = ⌊(a + p) / s⌋. As a correlation that is a Conv with kernel
/// K[u] = W[r + s·(M − 1 − u)], leading pad M − 1 − c and trailing pad c, which yields exactly H outputs per phase when
/// the ConvTranspose's output is s·H (k + output_padding − p_begin − p_end = s).
/// </para>
/// </summary>
public static class ConvTransposePhaseRewrite
{
    /// <summary>Fewest output channels a rewritten layer may have: one ONNX Runtime NCHWc block on AVX-512.</summary>
    public const int MinOutputChannels = 16;

    /// <summary>
    /// Rewrites every ConvTranspose of <paramref name="graph"/> with one group, dilation 1, equal strides s ≥ 2 on both
    /// axes, a constant k_h×k_w weight with s dividing both sizes, an output of exactly s times its input's size, and at
    /// least <see cref="MinOutputChannels"/> output channels.
    /// </summary>
    /// <returns>How many layers were rewritten.</returns>
    public static int Apply(GraphProto graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var rewritten = 0;
        var index = new GraphIndex(graph);
        foreach (var node in graph.Node.Where(n => n.OpType == "ConvTranspose").ToArray())
        {
            if (Upsampling(index, node) is { } layer)
            {
                Rewrite(graph, index, node, layer);
                index = new GraphIndex(graph);   // the graph changed
                rewritten++;
            }
        }

        if (rewritten > 0)
        {
            GraphEdits.RemoveUnread(graph);
        }

        return rewritten;
    }

    private sealed record Layer(float[] Weight, float[]? Bias, int InChannels, int OutChannels, int KernelHeight, int KernelWidth, int Stride, int PadTop, int PadLeft);

    // One axis of one phase: the first kernel tap r, the tap count M and the phase Conv's pads.
    private readonly record struct PhaseTaps(int First, int Count, int PadBegin, int PadEnd);

    private static PhaseTaps Taps(int phase, int kernel, int stride, int pad)
    {
        var first = (phase + pad) % stride;
        var count = kernel / stride;
        var offset = (phase + pad) / stride;
        return new PhaseTaps(first, count, count - 1 - offset, offset);
    }

    private static Layer? Upsampling(GraphIndex index, NodeProto node)
    {
        IReadOnlyList<long>? Ints(string name) => node.Attribute.FirstOrDefault(a => a.Name == name)?.Ints;
        if (node.Input.Count < 2 || index.Initializer(node.Input[1]) is not { Dims.Count: 4 } weight || index.ReaderCount(weight.Name) != 1
            || (node.Attribute.FirstOrDefault(a => a.Name == "group")?.I ?? 1) != 1 || Ints("output_shape") is { Count: > 0 }
            || node.Attribute.Any(a => a.Name == "auto_pad" && a.S.ToStringUtf8() is not ("" or "NOTSET"))
            || Ints("dilations") is { } dilations && dilations.Any(d => d != 1)
            || Ints("strides") is not [var strideHeight, var strideWidth] || strideHeight != strideWidth || strideHeight < 2)
        {
            return null;
        }

        var (inChannels, outChannels, kernelHeight, kernelWidth) = ((int)weight.Dims[0], (int)weight.Dims[1], (int)weight.Dims[2], (int)weight.Dims[3]);
        var stride = (int)strideHeight;
        var pads = Ints("pads") ?? [0, 0, 0, 0];
        var outputPadding = Ints("output_padding") ?? [0, 0];
        if (pads.Count != 4 || outputPadding.Count != 2 || outChannels < MinOutputChannels || kernelHeight % stride != 0 || kernelWidth % stride != 0
            || kernelHeight + outputPadding[0] - pads[0] - pads[2] != stride || kernelWidth + outputPadding[1] - pads[1] - pads[3] != stride)
        {
            return null;
        }

        var (padTop, padLeft) = ((int)pads[0], (int)pads[1]);
        if (Enumerable.Range(0, stride).Any(a => Taps(a, kernelHeight, stride, padTop).PadBegin < 0 || Taps(a, kernelWidth, stride, padLeft).PadBegin < 0))
        {
            return null;
        }

        var hasBias = node.Input.Count > 2 && node.Input[2].Length > 0;
        var bias = hasBias ? index.FloatConstant(node.Input[2]) : null;
        if (hasBias && bias?.Length != outChannels || index.FloatConstant(weight.Name) is not { } values)
        {
            return null;
        }

        return new Layer(values, bias, inChannels, outChannels, kernelHeight, kernelWidth, stride, padTop, padLeft);
    }

    private static void Rewrite(GraphProto graph, GraphIndex index, NodeProto node, Layer layer)
    {
        var stem = index.FreeStem(node.Name.Length > 0 ? node.Name : node.Output[0], "/PhaseConcat_output", ".phase00_weight");
        var s = layer.Stride;
        var phaseOutputs = new List<string>();
        var replacement = new List<NodeProto>();
        for (var a = 0; a < s; a++)
        for (var b = 0; b < s; b++)
        {
            var (rows, columns) = (Taps(a, layer.KernelHeight, s, layer.PadTop), Taps(b, layer.KernelWidth, s, layer.PadLeft));
            var weightName = $"{stem}.phase{a}{b}_weight";
            graph.Initializer.Add(OnnxTensors.Float(weightName, PhaseKernel(layer, rows, columns), [layer.OutChannels, layer.InChannels, rows.Count, columns.Count]));
            var inputs = new List<string> { node.Input[0], weightName };
            if (layer.Bias is { } bias)
            {
                graph.Initializer.Add(OnnxTensors.Float($"{stem}.phase{a}{b}_bias", bias, [layer.OutChannels]));
                inputs.Add($"{stem}.phase{a}{b}_bias");
            }

            var output = $"{stem}/Phase{a}{b}_output";
            phaseOutputs.Add(output);
            replacement.Add(new NodeProto
            {
                OpType = "Conv", Name = $"{stem}/Phase{a}{b}", Input = { inputs }, Output = { output },
                Attribute =
                {
                    OnnxAttribute.Ints("kernel_shape", [rows.Count, columns.Count]),
                    OnnxAttribute.Ints("pads", [rows.PadBegin, columns.PadBegin, rows.PadEnd, columns.PadEnd]),
                },
            });
        }

        // DCR: channel (a·s + b)·C_out + o of the concatenation becomes pixel (s·i + a, s·j + b) of channel o.
        var interleaved = $"{stem}/PhaseConcat_output";
        replacement.Add(new NodeProto { OpType = "Concat", Name = $"{stem}/PhaseConcat", Input = { phaseOutputs }, Output = { interleaved }, Attribute = { OnnxAttribute.Int("axis", 1) } });
        replacement.Add(new NodeProto
        {
            OpType = "DepthToSpace", Name = $"{stem}/DepthToSpace", Input = { interleaved }, Output = { node.Output[0] },
            Attribute = { OnnxAttribute.Int("blocksize", s), OnnxAttribute.String("mode", "DCR") },
        });
        foreach (var output in phaseOutputs)
        {
            GraphEdits.AddDownscaledShape(graph, node.Output[0], output, layer.OutChannels, s);
        }

        GraphEdits.AddDownscaledShape(graph, node.Output[0], interleaved, (long)layer.OutChannels * s * s, s);
        GraphEdits.Replace(graph, node, replacement);
    }

    // K[o, c, u, v] = W[c, o, r_a + s·(M_a − 1 − u), r_b + s·(M_b − 1 − v)] (ConvTranspose weights are (C_in, C_out, k, k)).
    private static float[] PhaseKernel(Layer layer, PhaseTaps rows, PhaseTaps columns)
    {
        var kernel = new float[(long)layer.OutChannels * layer.InChannels * rows.Count * columns.Count];
        for (var o = 0; o < layer.OutChannels; o++)
        for (var c = 0; c < layer.InChannels; c++)
        for (var u = 0; u < rows.Count; u++)
        for (var v = 0; v < columns.Count; v++)
        {
            var kh = rows.First + (layer.Stride * (rows.Count - 1 - u));
            var kw = columns.First + (layer.Stride * (columns.Count - 1 - v));
            kernel[((((long)o * layer.InChannels) + c) * rows.Count + u) * columns.Count + v] =
                layer.Weight[((((long)c * layer.OutChannels) + o) * layer.KernelHeight + kh) * layer.KernelWidth + kw];
        }

        return kernel;
    }
}
