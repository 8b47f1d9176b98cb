namespace Pipeline.Onnx.Optimization;

/// <summary>
/// Folds an inference-mode BatchNormalization into the Conv, ConvTranspose or Gemm that feeds it, so ONNX Runtime
/// runs one layer instead of two passes over the activations. Per output channel c the normalisation is an affine map
/// y = s_c·x + t_c with s_c = γ_c / √(σ²_c + ε) and t_c = β_c − μ_c·s_c (Ioffe and Szegedy 2015, eq. in Alg. 1 with
/// the population statistics), so W'_c = s_c·W_c and b'_c = s_c·b_c + t_c.
/// <list type="bullet">
/// <item>Conv weights are [C_out, C_in/groups, k...]: channel c is the slice along dim 0.</item>
/// <item>ConvTranspose weights are [C_in, C_out/groups, k...]: output channel c = (i / (C_in/groups))·(C_out/groups) + j
/// for index (i, j), so the scale applies along dim 1 (per group).</item>
/// <item>Gemm → Reshape (B, C, H, W) → BatchNormalization (a linear projection reshaped to feature maps, as the GAN
/// generator's first layer): Gemm output feature f belongs to channel f / (H·W).</item>
/// </list>
/// A fold is made only when the layer's output is read by the BatchNormalization alone, its weight by the layer alone,
/// and every statistic is a constant; anything else is left as exported. The conditional batch normalisation of the
/// GAN generator exports as this parameter-free BatchNormalization followed by a per-class Mul and Add: the
/// normalisation folds, the class-dependent γ_y and β_y cannot (they depend on an input) and stay.
/// </summary>
public static class BatchNormFolding
{
    /// <summary>Folds every foldable BatchNormalization of <paramref name="graph"/> in place.</summary>
    /// <returns>How many BatchNormalization nodes were folded.</returns>
    public static int Apply(GraphProto graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var folded = 0;
        while (TryFoldOne(graph))
        {
            folded++;
        }

        if (folded > 0)
        {
            GraphEdits.RemoveUnread(graph);
        }

        return folded;
    }

    private static bool TryFoldOne(GraphProto graph)
    {
        var index = new GraphIndex(graph);
        foreach (var norm in graph.Node.Where(n => n.OpType == "BatchNormalization" && n.Output.Count == 1))
        {
            if (Affine(index, norm) is not { } affine)
            {
                continue;
            }

            var x = norm.Input[0];
            if (index.Producer(x) is not { } producer || !index.HasSingleReader(x))
            {
                continue;
            }

            var folded = producer.OpType switch
            {
                "Conv" => FoldIntoConvolution(graph, index, producer, affine, transposed: false),
                "ConvTranspose" => FoldIntoConvolution(graph, index, producer, affine, transposed: true),
                "Reshape" => FoldThroughReshape(graph, index, producer, affine),
                _ => false,
            };
            if (folded)
            {
                // The layer now computes the normalised value itself, under the name later nodes read.
                var result = norm.Output[0];
                graph.Node.Remove(norm);
                producer.Output[0] = result;
                return true;
            }
        }

        return false;
    }

    // (s, t) per channel from the node's constant γ, β, μ, σ² and ε, in double to keep the fold within float rounding.
    private static (double[] Scale, double[] Shift)? Affine(GraphIndex index, NodeProto norm)
    {
        if (norm.Input.Count != 5 || norm.Attribute.Any(a => a.Name == "training_mode" && a.I != 0))
        {
            return null;
        }

        var gamma = index.FloatConstant(norm.Input[1]);
        var beta = index.FloatConstant(norm.Input[2]);
        var mean = index.FloatConstant(norm.Input[3]);
        var variance = index.FloatConstant(norm.Input[4]);
        if (gamma is null || beta is null || mean is null || variance is null
            || new[] { beta.Length, mean.Length, variance.Length }.Any(n => n != gamma.Length))
        {
            return null;
        }

        var epsilon = norm.Attribute.FirstOrDefault(a => a.Name == "epsilon")?.F ?? 1e-5f;
        var scale = new double[gamma.Length];
        var shift = new double[gamma.Length];
        for (var c = 0; c < gamma.Length; c++)
        {
            scale[c] = gamma[c] / Math.Sqrt(variance[c] + (double)epsilon);
            shift[c] = beta[c] - (mean[c] * scale[c]);
        }

        return (scale, shift);
    }

    private static bool FoldIntoConvolution(GraphProto graph, GraphIndex index, NodeProto conv, (double[] Scale, double[] Shift) affine, bool transposed)
    {
        if (!FoldableWeight(index, conv, 1) || index.Initializer(conv.Input[1]) is not { Dims.Count: >= 3 } weight)
        {
            return false;
        }

        var groups = conv.Attribute.FirstOrDefault(a => a.Name == "group")?.I ?? 1;
        var dims = weight.Dims.ToArray();
        var channels = transposed ? dims[1] * groups : dims[0];
        if (channels != affine.Scale.Length || dims[0] % groups != 0 || !BiasFits(index, conv, 2, channels))
        {
            return false;
        }

        var values = index.FloatConstant(weight.Name)!;
        var kernel = dims.Skip(2).Aggregate(1L, (p, d) => p * d);
        var perGroupIn = dims[0] / groups;
        for (var e = 0L; e < values.LongLength; e++)
        {
            var i = e / (dims[1] * kernel);
            var j = e / kernel % dims[1];
            var channel = transposed ? (i / perGroupIn * dims[1]) + j : i;
            values[e] = (float)(values[e] * affine.Scale[channel]);
        }

        Replace(graph, weight, values);
        SetBias(graph, index, conv, 2, affine);
        return true;
    }

    // Gemm (B, N) → Reshape to (0, C, H, W) → BatchNormalization: feature f of the Gemm is channel f / (H·W).
    private static bool FoldThroughReshape(GraphProto graph, GraphIndex index, NodeProto reshape, (double[] Scale, double[] Shift) affine)
    {
        if (index.Producer(reshape.Input[0]) is not { OpType: "Gemm" } gemm || !index.HasSingleReader(reshape.Input[0])
            || index.Int64Constant(reshape.Input[1]) is not { Length: 4 } target || target[0] != 0 || target.Skip(1).Any(d => d <= 0)
            || target[1] != affine.Scale.Length || !FoldableWeight(index, gemm, 1)
            || gemm.Attribute.Any(a => a.Name is "alpha" or "beta" && a.F != 1f || a.Name == "transA" && a.I != 0)
            || index.Initializer(gemm.Input[1]) is not { Dims.Count: 2 } weight)
        {
            return false;
        }

        var transposeB = gemm.Attribute.FirstOrDefault(a => a.Name == "transB")?.I == 1;
        var features = transposeB ? weight.Dims[0] : weight.Dims[1];
        var pixels = target[2] * target[3];
        if (features != target[1] * pixels || !BiasFits(index, gemm, 2, features))
        {
            return false;
        }

        var values = index.FloatConstant(weight.Name)!;
        for (var e = 0L; e < values.LongLength; e++)
        {
            var feature = transposeB ? e / weight.Dims[1] : e % weight.Dims[1];
            values[e] = (float)(values[e] * affine.Scale[feature / pixels]);
        }

        Replace(graph, weight, values);
        var perFeature = (affine.Scale.SelectMany(s => Enumerable.Repeat(s, (int)pixels)).ToArray(),
            affine.Shift.SelectMany(t => Enumerable.Repeat(t, (int)pixels)).ToArray());
        SetBias(graph, index, gemm, 2, perFeature);

        // The reshape now carries the normalised value; its old output name disappears with the norm node.
        return true;
    }

    private static bool FoldableWeight(GraphIndex index, NodeProto layer, int input) =>
        layer.Input.Count > input && index.Initializer(layer.Input[input]) is not null && index.ReaderCount(layer.Input[input]) == 1
        && (layer.Input.Count <= input + 1 || layer.Input[input + 1].Length == 0
            || (index.Initializer(layer.Input[input + 1]) is not null && index.ReaderCount(layer.Input[input + 1]) == 1));

    private static bool BiasFits(GraphIndex index, NodeProto layer, int input, long length) =>
        layer.Input.Count <= input || layer.Input[input].Length == 0 || index.FloatConstant(layer.Input[input])?.LongLength == length;

    // b' = s·b + t, or t when the layer had no bias (a new initializer named after the weight).
    private static void SetBias(GraphProto graph, GraphIndex index, NodeProto layer, int input, (double[] Scale, double[] Shift) affine)
    {
        var old = layer.Input.Count > input && layer.Input[input].Length > 0 ? index.Initializer(layer.Input[input]) : null;
        var bias = old is null ? new float[affine.Scale.Length] : index.FloatConstant(old.Name)!;
        var folded = bias.Select((b, c) => (float)((b * affine.Scale[c]) + affine.Shift[c])).ToArray();
        if (old is not null)
        {
            Replace(graph, old, folded);
            return;
        }

        var stem = layer.Input[1].EndsWith(".weight", StringComparison.Ordinal) ? layer.Input[1][..^".weight".Length] : layer.Input[1];
        var name = index.FreeStem($"{stem}.bias", string.Empty);

        graph.Initializer.Add(OnnxTensors.Float(name, folded, [folded.Length]));
        while (layer.Input.Count <= input)
        {
            layer.Input.Add(string.Empty);
        }

        layer.Input[input] = name;
    }

    private static void Replace(GraphProto graph, TensorProto old, float[] values)
    {
        var tensor = OnnxTensors.Float(old.Name, values, old.Dims);
        tensor.DocString = old.DocString;
        graph.Initializer[graph.Initializer.IndexOf(old)] = tensor;
    }
}
