namespace Pipeline.Onnx.Graph;

// One helper per ONNX operator the converters use. Each adds the node and records the output's shape by the
// operator's shape rule (ONNX Operators.md), with DynamicBatch flowing through any dimension that depends on it.
public sealed partial class OnnxGraphBuilder
{
    /// <summary>An int64 constant of shape [n] (shapes, pads, axes): a Constant node, so that initializers stay weights only.</summary>
    public string Constant(params long[] values) =>
        Single("Constant", Array.Empty<string>(), new long[] { values.Length }, OnnxElementType.Int64,
            OnnxAttribute.Tensor("value", OnnxTensors.Int64(string.Empty, values, new long[] { values.Length })));

    /// <summary>A float32 constant with the given dimensions (an empty <paramref name="dims"/> makes a scalar).</summary>
    public string Constant(float[] values, params long[] dims) =>
        Single("Constant", Array.Empty<string>(), dims, OnnxElementType.Float32,
            OnnxAttribute.Tensor("value", OnnxTensors.Float(string.Empty, values, dims)));

    /// <summary>Y = A·B' + C for 2-D A (B' = Bᵀ when <paramref name="transposeB"/>; a Linear weight is [out, in], so true).</summary>
    public string Gemm(string a, string b, string? c, bool transposeB)
    {
        var shapeA = ShapeOf(a);
        var shapeB = ShapeOf(b);
        long[]? shape = shapeA is { Length: 2 } && shapeB is { Length: 2 }
            ? new[] { shapeA[0], transposeB ? shapeB[0] : shapeB[1] }
            : null;
        var inputs = c is null ? new[] { a, b } : new[] { a, b, c };
        return Single("Gemm", inputs, shape, OnnxElementType.Float32, OnnxAttribute.Int("transB", transposeB ? 1 : 0));
    }

    /// <summary>Matrix product with NumPy broadcasting of the leading (batch) dimensions.</summary>
    public string MatMul(string a, string b)
    {
        var shapeA = ShapeOf(a);
        var shapeB = ShapeOf(b);
        long[]? shape = shapeA is { Length: >= 2 } && shapeB is { Length: >= 2 }
            ? [.. Broadcast(shapeA[..^2], shapeB[..^2]), shapeA[^2], shapeB[^1]]
            : null;
        return Single("MatMul", new[] { a, b }, shape);
    }

    /// <summary>N-D convolution. <paramref name="pads"/> are ONNX's [x1_begin, x2_begin, ..., x1_end, x2_end, ...].</summary>
    public string Conv(string x, string weight, string? bias, long[] strides, long[] pads, long[] dilations, long group)
    {
        var kernel = RequireShape(weight);
        var spatial = kernel.Length - 2;
        var shape = ConvolutionShape(x, kernel[0], spatial, (i, n) => ((n + pads[i] + pads[i + spatial] - (dilations[i] * (kernel[i + 2] - 1)) - 1) / strides[i]) + 1);
        return Single("Conv", bias is null ? new[] { x, weight } : new[] { x, weight, bias }, shape, OnnxElementType.Float32,
            OnnxAttribute.Ints("kernel_shape", kernel[2..]),
            OnnxAttribute.Ints("strides", strides),
            OnnxAttribute.Ints("pads", pads),
            OnnxAttribute.Ints("dilations", dilations),
            OnnxAttribute.Int("group", group));
    }

    /// <summary>N-D transposed convolution; weight is [C_in, C_out / group, k...]; <paramref name="outputPadding"/> is added to the end of each spatial axis.</summary>
    public string ConvTranspose(string x, string weight, string? bias, long[] strides, long[] pads, long[] dilations, long group, long[] outputPadding)
    {
        var kernel = RequireShape(weight);
        var spatial = kernel.Length - 2;
        var shape = ConvolutionShape(x, kernel[1] * group, spatial, (i, n) => (strides[i] * (n - 1)) + outputPadding[i] + (dilations[i] * (kernel[i + 2] - 1)) + 1 - pads[i] - pads[i + spatial]);
        return Single("ConvTranspose", bias is null ? new[] { x, weight } : new[] { x, weight, bias }, shape, OnnxElementType.Float32,
            OnnxAttribute.Ints("kernel_shape", kernel[2..]),
            OnnxAttribute.Ints("strides", strides),
            OnnxAttribute.Ints("pads", pads),
            OnnxAttribute.Ints("dilations", dilations),
            OnnxAttribute.Int("group", group),
            OnnxAttribute.Ints("output_padding", outputPadding));
    }

    // (N, channels, spatial sizes from sizeOf(axis, inputSize)); null when the input's shape is unknown.
    private long[]? ConvolutionShape(string x, long channels, int spatial, Func<int, long, long> sizeOf)
    {
        if (ShapeOf(x) is not { } input)
        {
            return null;
        }

        var shape = new long[input.Length];
        shape[0] = input[0];
        shape[1] = channels;
        for (var i = 0; i < spatial; i++)
        {
            var axis = i;
            shape[i + 2] = MapDim(input[i + 2], n => sizeOf(axis, n));
        }

        return shape;
    }

    /// <summary>Inference-mode batch normalisation with running statistics.</summary>
    public string BatchNormalization(string x, string scale, string bias, string mean, string variance, double epsilon) =>
        Single("BatchNormalization", new[] { x, scale, bias, mean, variance }, ShapeOf(x), OnnxElementType.Float32, OnnxAttribute.Float("epsilon", epsilon));

    /// <summary>Per-sample, per-channel normalisation; ONNX needs <paramref name="scale"/> and <paramref name="bias"/> even without affine.</summary>
    public string InstanceNormalization(string x, string scale, string bias, double epsilon) =>
        Single("InstanceNormalization", new[] { x, scale, bias }, ShapeOf(x), OnnxElementType.Float32, OnnxAttribute.Float("epsilon", epsilon));

    /// <summary>Normalisation over the axes from <paramref name="axis"/> to the last (opset 17).</summary>
    public string LayerNormalization(string x, string scale, string? bias, long axis, double epsilon) =>
        Single("LayerNormalization", bias is null ? new[] { x, scale } : new[] { x, scale, bias }, ShapeOf(x), OnnxElementType.Float32,
            OnnxAttribute.Int("axis", axis), OnnxAttribute.Float("epsilon", epsilon));

    /// <summary>An element-wise operator with one input and no attributes: Relu, Tanh, Sigmoid, Softplus, Exp, Identity, Neg, ...</summary>
    public string Unary(string opType, string x) => Single(opType, new[] { x }, ShapeOf(x), TypeOf(x));

    /// <summary>max(x, 0).</summary>
    public string Relu(string x) => Unary("Relu", x);

    /// <summary>Clamps to [<paramref name="min"/>, <paramref name="max"/>]; since opset 11 the bounds are scalar inputs.</summary>
    public string Clip(string x, float min, float max) =>
        Single("Clip", new[] { x, Constant([min]), Constant([max]) }, ShapeOf(x), TypeOf(x));

    /// <summary>x for x ≥ 0, α·x otherwise.</summary>
    public string LeakyRelu(string x, double alpha) =>
        Single("LeakyRelu", new[] { x }, ShapeOf(x), OnnxElementType.Float32, OnnxAttribute.Float("alpha", alpha));

    /// <summary>tanh(x).</summary>
    public string Tanh(string x) => Unary("Tanh", x);

    /// <summary>1 / (1 + e^−x).</summary>
    public string Sigmoid(string x) => Unary("Sigmoid", x);

    /// <summary>log(1 + e^x).</summary>
    public string Softplus(string x) => Unary("Softplus", x);

    /// <summary>e^x.</summary>
    public string Exp(string x) => Unary("Exp", x);

    /// <summary>x.</summary>
    public string Identity(string x) => Unary("Identity", x);

    /// <summary>Softmax along <paramref name="axis"/>.</summary>
    public string Softmax(string x, long axis) =>
        Single("Softmax", new[] { x }, ShapeOf(x), OnnxElementType.Float32, OnnxAttribute.Int("axis", axis));

    /// <summary>a + b with broadcasting.</summary>
    public string Add(string a, string b) => Binary("Add", a, b);

    /// <summary>a − b with broadcasting.</summary>
    public string Sub(string a, string b) => Binary("Sub", a, b);

    /// <summary>a · b with broadcasting.</summary>
    public string Mul(string a, string b) => Binary("Mul", a, b);

    /// <summary>a / b with broadcasting.</summary>
    public string Div(string a, string b) => Binary("Div", a, b);

    /// <summary>The mean over <paramref name="axes"/>, kept as dimensions of size 1 (axes an attribute before opset 18, an input since).</summary>
    public string ReduceMean(string x, params long[] axes)
    {
        var input = ShapeOf(x);
        long[]? shape = input?.Select((d, i) => axes.Any(a => (a < 0 ? a + input.Length : a) == i) ? 1 : d).ToArray();
        return Opset >= 18
            ? Single("ReduceMean", new[] { x, Constant(axes) }, shape, TypeOf(x), OnnxAttribute.Int("keepdims", 1))
            : Single("ReduceMean", new[] { x }, shape, TypeOf(x), OnnxAttribute.Ints("axes", axes), OnnxAttribute.Int("keepdims", 1));
    }

    /// <summary>Reshapes to 2-D: [d0·…·d(axis−1), d(axis)·…].</summary>
    public string Flatten(string x, long axis)
    {
        var input = ShapeOf(x);
        long[]? shape = input is null ? null : new[] { Product(input[..(int)axis]), Product(input[(int)axis..]) };
        return Single("Flatten", new[] { x }, shape, TypeOf(x), OnnxAttribute.Int("axis", axis));
    }

    /// <summary>
    /// Reshape to <paramref name="target"/> with ONNX's conventions: 0 copies the input's dimension at the same index
    /// (keep the dynamic batch that way), −1 is inferred.
    /// </summary>
    public string Reshape(string x, long[] target)
    {
        var input = ShapeOf(x);
        long[]? shape = null;
        if (input is not null)
        {
            shape = target.Select((t, i) => t == 0 ? input[i] : t).ToArray();
            var inferred = Array.IndexOf(target, -1L);
            if (inferred >= 0)
            {
                var rest = input.Where((_, i) => i >= target.Length || target[i] != 0).ToArray();
                var known = target.Where(t => t > 0).Aggregate(1L, (p, t) => p * t);
                var fixedPart = rest.Where(d => d != DynamicBatch).Aggregate(1L, (p, d) => p * d);
                if (!rest.Contains(DynamicBatch))
                {
                    shape[inferred] = fixedPart / known;
                }
                else if (fixedPart == known)
                {
                    shape[inferred] = DynamicBatch;
                }
                else
                {
                    // batch × (fixedPart / known) is no dimension the builder can name: labelling it "batch" would
                    // tell ONNX Runtime two differently sized values share a size (it then fails re-using buffers).
                    shape = null;
                }
            }
        }

        return Single("Reshape", new[] { x, Constant(target) }, shape, TypeOf(x));
    }

    /// <summary>Concatenation along <paramref name="axis"/>.</summary>
    public string Concat(IReadOnlyList<string> inputs, long axis)
    {
        var shapes = inputs.Select(ShapeOf).ToArray();
        long[]? shape = null;
        if (shapes.All(s => s is not null))
        {
            var rank = shapes[0]!.Length;
            var a = (int)(axis < 0 ? axis + rank : axis);
            shape = (long[])shapes[0]!.Clone();
            shape[a] = shapes.Any(s => s![a] == DynamicBatch) ? DynamicBatch : shapes.Sum(s => s![a]);
        }

        return Single("Concat", inputs, shape, TypeOf(inputs[0]), OnnxAttribute.Int("axis", axis));
    }

    /// <summary>Gathers slices of <paramref name="data"/> along <paramref name="axis"/> at int64 <paramref name="indices"/>.</summary>
    public string Gather(string data, string indices, long axis)
    {
        var dataShape = ShapeOf(data);
        var indexShape = ShapeOf(indices);
        long[]? shape = null;
        if (dataShape is not null && indexShape is not null)
        {
            var a = (int)(axis < 0 ? axis + dataShape.Length : axis);
            shape = [.. dataShape[..a], .. indexShape, .. dataShape[(a + 1)..]];
        }

        return Single("Gather", new[] { data, indices }, shape, TypeOf(data), OnnxAttribute.Int("axis", axis));
    }

    /// <summary>Index of the minimum along <paramref name="axis"/> (int64); ONNX keeps the axis unless <paramref name="keepDims"/> is false.</summary>
    public string ArgMin(string x, long axis, bool keepDims) => ArgExtreme("ArgMin", x, axis, keepDims);

    /// <summary>Index of the maximum along <paramref name="axis"/> (int64); ONNX keeps the axis unless <paramref name="keepDims"/> is false.</summary>
    public string ArgMax(string x, long axis, bool keepDims) => ArgExtreme("ArgMax", x, axis, keepDims);

    /// <summary>Splits along <paramref name="axis"/> into pieces of the given sizes.</summary>
    public IReadOnlyList<string> Split(string x, long axis, long[] sizes)
    {
        var input = ShapeOf(x);
        var outputs = AddNode("Split", new[] { x, Constant(sizes) }, sizes.Length, OnnxAttribute.Int("axis", axis));
        for (var i = 0; i < outputs.Count; i++)
        {
            long[]? shape = null;
            if (input is not null)
            {
                var a = (int)(axis < 0 ? axis + input.Length : axis);
                shape = input.Select((d, j) => j == a ? sizes[i] : d).ToArray();
            }

            SetFacts(outputs[i], TypeOf(x), shape);
        }

        return outputs;
    }

    /// <summary>Permutes axes.</summary>
    public string Transpose(string x, long[] permutation)
    {
        var input = ShapeOf(x);
        return Single("Transpose", new[] { x }, input is null ? null : permutation.Select(p => input[p]).ToArray(), TypeOf(x),
            OnnxAttribute.Ints("perm", permutation));
    }

    /// <summary>
    /// Resizes by per-axis <paramref name="scales"/>. PyTorch's nearest is mode "nearest" with "asymmetric" and
    /// "floor"; bilinear without align_corners is "linear" with "half_pixel"; with align_corners, "align_corners".
    /// </summary>
    public string Resize(string x, float[] scales, string mode, string coordinateTransformation, string? nearestMode = null)
    {
        var input = ShapeOf(x);
        long[]? shape = input?.Select((d, i) => MapDim(d, n => (long)Math.Floor(n * (double)scales[i]))).ToArray();
        var attributes = new List<AttributeProto>
        {
            OnnxAttribute.String("mode", mode),
            OnnxAttribute.String("coordinate_transformation_mode", coordinateTransformation),
        };
        if (nearestMode is not null)
        {
            attributes.Add(OnnxAttribute.String("nearest_mode", nearestMode));
        }

        return Single("Resize", new[] { x, string.Empty, Constant(scales, scales.Length) }, shape, TypeOf(x), attributes.ToArray());
    }

    /// <summary>
    /// Pads with ONNX's order, <paramref name="pads"/> = [all begins, all ends] over every axis (not PyTorch's
    /// last-axis-first pairs). <paramref name="mode"/> is "constant", "reflect" or "edge".
    /// </summary>
    public string Pad(string x, long[] pads, string mode, float value = 0)
    {
        var input = ShapeOf(x);
        long[]? shape = input?.Select((d, i) => MapDim(d, n => n + pads[i] + pads[i + input.Length])).ToArray();
        var inputs = new List<string> { x, Constant(pads) };
        if (mode == "constant" && value != 0)
        {
            inputs.Add(Constant(new[] { value }));
        }

        return Single("Pad", inputs, shape, TypeOf(x), OnnxAttribute.String("mode", mode));
    }

    /// <summary>
    /// Gives the float32 graph input <paramref name="input"/> (of fixed shape) a default value: an initializer of the
    /// same name, which ONNX (IR ≥ 4) uses when the caller does not feed the input and ONNX Runtime keeps overridable
    /// (never constant-folded). A consumer that binds only the inputs without an initializer feeds the graph without it.
    /// </summary>
    public void SetInputDefault(string input, params float[] values)
    {
        if (!_inputs.Contains(input) || TypeOf(input) != OnnxElementType.Float32)
        {
            throw new ArgumentException($"'{input}' is not a float32 graph input.", nameof(input));
        }

        var shape = RequireShape(input);
        if (shape.Contains(DynamicBatch) || Product(shape) != values.Length || _initializers.Any(i => i.Name == input))
        {
            throw new ArgumentException($"Input '{input}' [{string.Join(", ", shape)}] takes one default of {Product(shape)} fixed values; got {values.Length}{(_initializers.Any(i => i.Name == input) ? " for an input that already has one" : "")}.", nameof(values));
        }

        _initializers.Add(OnnxTensors.Float(input, values, shape));
    }

    private string ArgExtreme(string opType, string x, long axis, bool keepDims)
    {
        var input = ShapeOf(x);
        long[]? shape = null;
        if (input is not null)
        {
            var a = (int)(axis < 0 ? axis + input.Length : axis);
            shape = keepDims ? input.Select((d, i) => i == a ? 1 : d).ToArray() : input.Where((_, i) => i != a).ToArray();
        }

        return Single(opType, new[] { x }, shape, OnnxElementType.Int64, OnnxAttribute.Int("axis", axis), OnnxAttribute.Int("keepdims", keepDims ? 1 : 0));
    }

    private string Binary(string opType, string a, string b)
    {
        var shapeA = ShapeOf(a);
        var shapeB = ShapeOf(b);
        long[]? shape = shapeA is null || shapeB is null ? null : Broadcast(shapeA, shapeB);
        return Single(opType, new[] { a, b }, shape, TypeOf(a));
    }

    private string Single(string opType, IReadOnlyList<string> inputs, long[]? shape, OnnxElementType type = OnnxElementType.Float32, params AttributeProto[] attributes)
    {
        var output = AddNode(opType, inputs, 1, attributes)[0];
        SetFacts(output, type, shape);
        return output;
    }

    private static long[] Broadcast(long[] a, long[] b)
    {
        var rank = Math.Max(a.Length, b.Length);
        var shape = new long[rank];
        for (var i = 1; i <= rank; i++)
        {
            var x = i <= a.Length ? a[^i] : 1;
            var y = i <= b.Length ? b[^i] : 1;
            shape[^i] = x == 1 ? y : x;
        }

        return shape;
    }

    private static long MapDim(long dim, Func<long, long> map) => dim == DynamicBatch ? DynamicBatch : map(dim);

    private static long Product(IEnumerable<long> dims) =>
        dims.Contains(DynamicBatch) ? DynamicBatch : dims.Aggregate(1L, (p, d) => p * d);
}
