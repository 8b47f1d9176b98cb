using Pipeline.Onnx.Proto;

namespace Pipeline.Export.Optimization;

/// <summary>
/// Which graph rewrites run, in the one order the exporter and <see cref="OnnxGraphOptimizer"/> both use: fold batch
/// norm, then the layer rewrites that may add DepthToSpace, then the activation moves, then DepthToSpace's lowering.
/// Each switch is described on <see cref="OnnxExportOptions"/>'s property of the same name.
/// </summary>
public sealed record GraphRewrites
{
    /// <summary>See <see cref="OnnxExportOptions.FoldBatchNorm"/>.</summary>
    public bool FoldBatchNorm { get; init; } = true;

    /// <summary>See <see cref="OnnxExportOptions.NarrowConvolutionBlock"/> (0: off).</summary>
    public int NarrowConvolutionBlock { get; init; }

    /// <summary>See <see cref="OnnxExportOptions.SplitConvTransposePhases"/>.</summary>
    public bool SplitConvTransposePhases { get; init; } = true;

    /// <summary>See <see cref="OnnxExportOptions.TapNarrowConvolutions"/>.</summary>
    public bool TapNarrowConvolutions { get; init; } = true;

    /// <summary>See <see cref="OnnxExportOptions.LowerDepthToSpace"/>.</summary>
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
