namespace Pipeline.Onnx.Optimization;

/// <summary>
/// Which graph rewrites run, in the one order the exporter and <see cref="OnnxGraphOptimizer"/> both use: fold batch
/// norm, then the layer rewrites that may add DepthToSpace, then the activation moves, then DepthToSpace's lowering.
/// Each rewrite keeps the function; whoever applies them checks the result in ONNX Runtime (the exporter against
/// TorchSharp, <see cref="OnnxGraphOptimizer"/> against the original graph).
/// </summary>
public sealed record GraphRewrites
{
    /// <summary>
    /// Whether inference-mode BatchNormalization is folded into the Conv, ConvTranspose or Gemm before it
    /// (<see cref="BatchNormFolding"/>).
    /// </summary>
    public bool FoldBatchNorm { get; init; } = true;

    /// <summary>
    /// Block size for <see cref="NarrowConvolutionRewrite"/>: the graph's last Conv, when it has very few output
    /// channels, runs on r×r blocks of pixels (r dividing this), which ONNX Runtime computes far faster; 0 leaves it as
    /// it is. Set it only when that layer's input height and width are multiples of it (an image generator's output
    /// layer at an output size that is).
    /// </summary>
    public int NarrowConvolutionBlock { get; init; }

    /// <summary>
    /// Whether upsampling ConvTranspose layers (stride s dividing the kernel, output s times the input, at least 16
    /// output channels) are written as s² phase convolutions interleaved by DepthToSpace
    /// (<see cref="ConvTransposePhaseRewrite"/>): the same function and multiply-adds, up to 1.56x faster on ONNX
    /// Runtime's CPU kernels (measured on pix2pix). Turn it off for an execution provider whose ConvTranspose is
    /// already fast.
    /// </summary>
    public bool SplitConvTransposePhases { get; init; } = true;

    /// <summary>
    /// Whether stride-1 convolutions to at most three channels (a generator's 3×3 output layer) are written as a 1×1
    /// convolution to one channel per kernel tap and a sum of the shifted taps (<see cref="NarrowConvolutionTaps"/>):
    /// the same function and multiply-adds without ONNX Runtime's padding of the output channels to a block of 16 (the
    /// DCGAN generator 1.2x faster). A layer that <see cref="NarrowConvolutionBlock"/> already rewrote is not touched.
    /// </summary>
    public bool TapNarrowConvolutions { get; init; } = true;

    /// <summary>
    /// Whether each DepthToSpace (from the two rewrites above, or a sub-pixel convolution's PixelShuffle) is written
    /// as two single-axis Transposes (<see cref="DepthToSpaceLowering"/>), which ONNX Runtime's CPU kernels run ≈ 2.6x
    /// faster than its DepthToSpace. Turn it off for an execution provider with a fast DepthToSpace.
    /// </summary>
    public bool LowerDepthToSpace { get; init; } = true;

    /// <summary>Rewrites <paramref name="graph"/> in place; returns how many places each rewrite changed (zeros left out).</summary>
    public IReadOnlyDictionary<string, int> Apply(GraphProto graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        void Count(string name, int changed)
        {
            if (changed > 0)
            {
                counts[name] = changed;
            }
        }

        if (FoldBatchNorm)
        {
            Count(nameof(BatchNormFolding), BatchNormFolding.Apply(graph));
        }

        if (NarrowConvolutionBlock >= 2)
        {
            Count(nameof(NarrowConvolutionRewrite), NarrowConvolutionRewrite.Apply(graph, NarrowConvolutionBlock) ? 1 : 0);
        }

        if (SplitConvTransposePhases)
        {
            Count(nameof(ConvTransposePhaseRewrite), ConvTransposePhaseRewrite.Apply(graph));
        }

        if (TapNarrowConvolutions)
        {
            Count(nameof(NarrowConvolutionTaps), NarrowConvolutionTaps.Apply(graph));
        }

        // Exact on every execution provider: no switch.
        Count(nameof(UniformPRelu), UniformPRelu.Apply(graph));
        Count(nameof(ActivationHoisting), ActivationHoisting.Apply(graph));
        if (LowerDepthToSpace)
        {
            Count(nameof(DepthToSpaceLowering), DepthToSpaceLowering.Apply(graph));
        }

        return counts;
    }
}
