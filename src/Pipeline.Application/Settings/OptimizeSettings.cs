using System.Globalization;
using Pipeline.Onnx.Optimization;
using static Pipeline.Application.Settings.SettingRules;

namespace Pipeline.Application.Settings;

/// <summary>The settings of <c>optimize</c> (the exporter's ONNX Runtime CPU rewrites on any ONNX file), read into <see cref="OnnxOptimizationOptions"/>.</summary>
public static class OptimizeSettings
{
    private static readonly Setting<string[]> Dimensions = new("--dim", "size of a symbolic input dimension other than the batch, NAME=N (e.g. --dim height=32 width=32)")
    {
        Default = [], Rule = EachParses(ParseDimension),
    };

    private static readonly Setting<int> IndexLimit = new("--index-limit", "random int64 inputs (labels, codes) are drawn below this") { Default = 2, Rule = AtLeast(1) };
    private static readonly Setting<int> TimingBatch = new("--time", "batch size at which to time both graphs on one thread afterwards (0: no timing)") { Default = 64, Rule = AtLeast(0) };
    private static readonly Setting<string[]> Keep = new("--keep", "rewrites to leave out: conv-transpose, narrow-conv, depth-to-space, batch-norm")
    {
        Default = [], Choices = ["conv-transpose", "narrow-conv", "depth-to-space", "batch-norm"],
    };

    /// <summary>--out: the rewritten file.</summary>
    public static Setting<string> Output { get; } = new("--out", "the rewritten file (may be FILE itself: it is replaced only after the check, and an export folder's mlnet-model.zip is rebuilt from it)")
    {
        Required = true,
    };

    /// <summary>The settings, in the order --help lists them.</summary>
    public static IReadOnlyList<Setting> All { get; } = [Output, Dimensions, IndexLimit, TimingBatch, Keep];

    /// <summary>The optimisation <paramref name="v"/> describe.</summary>
    public static OnnxOptimizationOptions Optimization(ISettingValues v)
    {
        var kept = v.Get(Keep).ToHashSet(StringComparer.Ordinal);
        return new OnnxOptimizationOptions
        {
            Rewrites = new GraphRewrites
            {
                FoldBatchNorm = !kept.Contains("batch-norm"),
                SplitConvTransposePhases = !kept.Contains("conv-transpose"),
                TapNarrowConvolutions = !kept.Contains("narrow-conv"),
                LowerDepthToSpace = !kept.Contains("depth-to-space"),
            },
            Sizes = v.Get(Dimensions).Select(ParseDimension).ToDictionary(d => d.Name, d => d.Size, StringComparer.Ordinal),
            IndexLimit = v.Get(IndexLimit),
            TimingBatch = v.Get(TimingBatch),
        };
    }

    private static (string Name, long Size) ParseDimension(string text)
    {
        var parts = text.Split('=', 2);
        return parts.Length == 2 && parts[0].Length > 0 && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) && size > 0
            ? (parts[0], size)
            : throw new FormatException($"--dim takes NAME=N with a positive N, got '{text}'.");
    }
}
