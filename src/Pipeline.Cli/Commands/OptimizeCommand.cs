using System.Globalization;
using Pipeline.MLNet;
using Pipeline.Onnx.Optimization;

namespace Pipeline.Cli.Commands;

/// <summary>
/// <c>optimize FILE.onnx --out OUT.onnx</c>: the exporter's graph rewrites for ONNX Runtime's CPU kernels applied to an
/// existing file (one exported before a rewrite existed, or another exporter's), kept only if ONNX Runtime gives the
/// same outputs as the original.
/// </summary>
internal static class OptimizeCommand
{
    public static Command Create()
    {
        var command = new Command("optimize", "Apply the exporter's ONNX Runtime CPU rewrites (transposed convolutions as phases, narrow output layers as taps, DepthToSpace as Transposes, batch-norm folding) to an existing ONNX file; written only if ONNX Runtime gives the original's outputs on random inputs.");
        var file = new Argument<string>("file") { Description = "an .onnx file" };
        var output = new Setting<string>("--out", "the rewritten file (may be FILE itself: it is replaced only after the check, and an export folder's mlnet-model.zip is rebuilt from it)") { Required = true }.ToOption();
        var dims = new Setting<string[]>("--dim", "size of a symbolic input dimension other than the batch, NAME=N (e.g. --dim height=32 width=32)") { Default = [], Rule = EachParses(ParseDim) }.ToOption();
        var indexLimit = new Setting<int>("--index-limit", "random int64 inputs (labels, codes) are drawn below this") { Default = 2, Rule = AtLeast(1) }.ToOption();
        var time = new Setting<int>("--time", "batch size at which to time both graphs on one thread afterwards (0: no timing)") { Default = 64, Rule = AtLeast(0) }.ToOption();
        var keep = new Setting<string[]>("--keep", "rewrites to leave out: conv-transpose, narrow-conv, depth-to-space, batch-norm") 
        {
            Default = [], Choices = ["conv-transpose", "narrow-conv", "depth-to-space", "batch-norm"],
        }.ToOption();
        command.Arguments.Add(file);
        command.Options.Add(output);
        command.Options.Add(dims);
        command.Options.Add(indexLimit);
        command.Options.Add(time);
        command.Options.Add(keep);
        command.SetAction(r => Terminal.Guard(() =>
        {
            var kept = r.GetValue(keep)!.ToHashSet(StringComparer.Ordinal);
            var options = new OnnxOptimizationOptions
            {
                Rewrites = new GraphRewrites
                {
                    FoldBatchNorm = !kept.Contains("batch-norm"),
                    SplitConvTransposePhases = !kept.Contains("conv-transpose"),
                    TapNarrowConvolutions = !kept.Contains("narrow-conv"),
                    LowerDepthToSpace = !kept.Contains("depth-to-space"),
                },
                Sizes = r.GetValue(dims)!.Select(ParseDim).ToDictionary(d => d.Name, d => d.Size, StringComparer.Ordinal),
                IndexLimit = r.GetValue(indexLimit),
                TimingBatch = r.GetValue(time),
            };
            var (input, rewritten) = (Path.GetFullPath(r.GetValue(file)!), Path.GetFullPath(r.GetValue(output)!));
            try
            {
                System.Console.WriteLine(OnnxGraphOptimizer.Optimize(input, rewritten, options));
            }
            catch (OnnxVerificationException ex)
            {
                throw new InvalidDataException(ex.Message, ex);
            }

            // An export folder's plain ML.NET zip embeds its image model's graph: replaced in place, it is rebuilt.
            var folder = Path.GetDirectoryName(rewritten)!;
            if (input == rewritten && File.Exists(Path.Combine(folder, PlainMlNetModel.ZipFile)))
            {
                Terminal.Wrote("plain ML.NET model", PlainMlNetModel.Write(folder).ZipPath);
            }

            return 0;
        }));
        return command;
    }

    private static (string Name, long Size) ParseDim(string text)
    {
        var parts = text.Split('=', 2);
        return parts.Length == 2 && parts[0].Length > 0 && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) && size > 0
            ? (parts[0], size)
            : throw new FormatException($"--dim takes NAME=N with a positive N, got '{text}'.");
    }
}
