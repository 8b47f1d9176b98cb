namespace Pipeline.Onnx.Optimization;

/// <summary>
/// Rewrites a stride-1 "same" output Conv with very few output channels (an image generator's last layer: 32 → 1 channel,
/// 9×9, as SRGAN's) as SpaceToDepth(r) → Conv → DepthToSpace(r, CRD), the same function on r×r blocks of pixels.
/// <para>
/// Why: ONNX Runtime's CPU convolution computes such a layer as an im2col matrix (C_in·k² rows per output pixel)
/// times a single weight row, or, in its blocked NCHWc layout, pads the one output channel to a block of 16. Profiled
/// on the super-resolution generator (64 images, 1 thread), the 9×9 tail took 49–59% of the graph's time for 13% of
/// its multiply-adds. On blocks of r×r pixels the layer has r²·C_out output channels (16 for one channel and r = 4)
/// and r²·C_in inputs, which the blocked kernels run at full width, at the cost of the zero taps of a ⌈(k−1+r)/r⌉²
/// block kernel (1.78x the multiply-adds for 9×9, r = 4; see <see cref="MaxCostRatio"/>).
/// </para>
/// <para>
/// The block kernel: output pixel (r·I + a, r·J + b) of channel o is r²-channel (o·r² + a·r + b) of block (I, J); input
/// pixel r·(I + d) + α of channel c is channel (α·r + β)·C_in + c of block I + d (ONNX SpaceToDepth order); so
/// W'[(o, a, b), (α, β, c), d_i, d_j] = W[o, c, r·d_i + α − a + P, r·d_j + β − b + P] where that tap exists, else 0.
/// It equals the original only where height and width are multiples of r: the caller states that they are.
/// </para>
/// </summary>
public static class NarrowConvolutionRewrite
{
    /// <summary>Output channels of one ONNX Runtime NCHWc block on AVX-512; a rewrite stops where r²·C_out would exceed it.</summary>
    public const int BlockChannels = 16;

    /// <summary>
    /// The most multiply-adds the block kernel may cost against the original: 9×9 at r = 4 costs 1.78x and ran the
    /// layer 8x faster; 3×3 (a DCGAN's output layer) would cost 4x at r = 2 and made the generator 8% slower.
    /// </summary>
    public const double MaxCostRatio = 2.0;

    /// <summary>
    /// Rewrites the last Conv of <paramref name="graph"/> (an image generator's output layer) when it has stride 1,
    /// dilation 1, one group, an odd k×k kernel with padding (k − 1)/2 on every side, a constant weight and
    /// C_out·r² ≤ <see cref="BlockChannels"/> for some block size r ≥ 2 dividing <paramref name="blockSize"/> (the
    /// largest such r whose block kernel costs at most <see cref="MaxCostRatio"/> times the multiply-adds). Earlier
    /// layers may run at sizes the caller cannot vouch for.
    /// </summary>
    /// <param name="graph">the graph, changed in place</param>
    /// <param name="blockSize">the caller asserts the last Conv's input height and width are multiples of it</param>
    /// <returns>Whether the layer was rewritten.</returns>
    public static bool Apply(GraphProto graph, int blockSize)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 2);
        var index = new GraphIndex(graph);
        if (graph.Node.LastOrDefault(n => n.OpType == "Conv") is not { } conv || Narrow(index, conv) is not { } layer || BlockFor(layer, blockSize) is not { } r)
        {
            return false;
        }

        Rewrite(graph, index, conv, layer, r);
        GraphEdits.RemoveUnread(graph);
        return true;
    }

    // The largest r dividing the size multiple whose r²·C_out fits one block and whose block kernel costs at most
    // MaxCostRatio times the original's multiply-adds; null when none does.
    private static int? BlockFor(StrideOneConvolution layer, int blockSize) =>
        Enumerable.Range(2, blockSize - 1).Reverse()
            .Where(r => blockSize % r == 0 && layer.OutChannels * r * r <= BlockChannels && CostRatio(layer.KernelHeight, r) <= MaxCostRatio)
            .Select(r => (int?)r).FirstOrDefault();

    // Multiply-adds of the block kernel over the original's: r² output pixels per block, taps² block positions, against k².
    private static double CostRatio(int kernel, int r)
    {
        var taps = Taps(kernel, r).Count;
        return (double)r * r * taps * taps / (kernel * kernel);
    }

    // The block offsets a k×k "same" kernel reaches from a block of r pixels: first … first + count − 1.
    private static (int First, int Count) Taps(int kernel, int r)
    {
        var pad = kernel / 2;
        var first = FloorDiv(-pad, r);
        return (first, FloorDiv(r - 1 + kernel - 1 - pad, r) - first + 1);
    }

    // An odd k×k "same" layer: pads of (k − 1) / 2 on every side.
    private static StrideOneConvolution? Narrow(GraphIndex index, NodeProto conv) =>
        StrideOneConvolution.Read(index, conv) is { } layer && layer.KernelWidth == layer.KernelHeight && layer.KernelHeight % 2 == 1
            && layer.Pads.All(p => p == layer.KernelHeight / 2)
            ? layer
            : null;

    private static void Rewrite(GraphProto graph, GraphIndex index, NodeProto conv, StrideOneConvolution layer, int r)
    {
        var kernel = layer.KernelHeight;
        var pad = kernel / 2;
        var (first, taps) = Taps(kernel, r);
        var last = first + taps - 1;
        var (outBlocks, inBlocks) = (layer.OutChannels * r * r, layer.InChannels * r * r);
        var weight = new float[(long)outBlocks * inBlocks * taps * taps];
        for (var o = 0; o < layer.OutChannels; o++)
        for (var a = 0; a < r; a++)
        for (var b = 0; b < r; b++)
        for (var alpha = 0; alpha < r; alpha++)
        for (var beta = 0; beta < r; beta++)
        for (var c = 0; c < layer.InChannels; c++)
        for (var ti = 0; ti < taps; ti++)
        for (var tj = 0; tj < taps; tj++)
        {
            var u = (r * (ti + first)) + alpha - a + pad;
            var v = (r * (tj + first)) + beta - b + pad;
            if (u < 0 || u >= kernel || v < 0 || v >= kernel)
            {
                continue;
            }

            var q = (o * r * r) + (a * r) + b;
            var p = (((alpha * r) + beta) * layer.InChannels) + c;
            weight[(((((long)q * inBlocks) + p) * taps) + ti) * taps + tj] = layer.Weight[((((o * layer.InChannels) + c) * kernel) + u) * kernel + v];
        }

        var stem = index.FreeStem(conv.Name.Length > 0 ? conv.Name : conv.Output[0], "/SpaceToDepth_output", ".block_weight");
        var (blocks, blockOutput) = ($"{stem}/SpaceToDepth_output", $"{stem}/BlockConv_output");
        graph.Initializer.Add(OnnxTensors.Float($"{stem}.block_weight", weight, [outBlocks, inBlocks, taps, taps]));
        var inputs = new List<string> { blocks, $"{stem}.block_weight" };
        if (layer.Bias is { } bias)
        {
            graph.Initializer.Add(OnnxTensors.Float($"{stem}.block_bias", bias.SelectMany(value => Enumerable.Repeat(value, r * r)).ToArray(), [outBlocks]));
            inputs.Add($"{stem}.block_bias");
        }

        var toBlocks = new NodeProto { OpType = "SpaceToDepth", Name = $"{stem}/SpaceToDepth", Input = { conv.Input[0] }, Output = { blocks }, Attribute = { OnnxAttribute.Int("blocksize", r) } };
        var blockConv = new NodeProto
        {
            OpType = "Conv", Name = $"{stem}/BlockConv", Input = { inputs }, Output = { blockOutput },
            Attribute = { OnnxAttribute.Ints("kernel_shape", [taps, taps]), OnnxAttribute.Ints("pads", [-first, -first, last, last]) },
        };
        var toPixels = new NodeProto
        {
            OpType = "DepthToSpace", Name = $"{stem}/DepthToSpace", Input = { blockOutput }, Output = { conv.Output[0] },
            Attribute = { OnnxAttribute.Int("blocksize", r), OnnxAttribute.String("mode", "CRD") },
        };
        GraphEdits.AddDownscaledShape(graph, conv.Input[0], blocks, layer.InChannels * r * r, r);
        GraphEdits.AddDownscaledShape(graph, conv.Output[0], blockOutput, outBlocks, r);
        GraphEdits.Replace(graph, conv, [toBlocks, blockConv, toPixels]);
    }

    private static int FloorDiv(int value, int divisor) => (int)Math.Floor((double)value / divisor);
}
