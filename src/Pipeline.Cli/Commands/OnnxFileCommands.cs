using Pipeline.MLNet;
using Pipeline.Onnx.Optimization;
using Pipeline.Onnx.Summary;

namespace Pipeline.Cli.Commands;

/// <summary>The commands on an ONNX file, whoever exported it: <c>inspect</c> and <c>optimize</c>.</summary>
internal static class OnnxFileCommands
{
    /// <summary><c>inspect FILE.onnx</c>: inputs, outputs, parameters, MACs and metadata of an ONNX file.</summary>
    public static Command Inspect()
    {
        var command = new Command("inspect", "Summarise an ONNX file: inputs and outputs, parameter count, MACs per sample per layer, metadata.");
        var file = new Argument<string>("file") { Description = "an .onnx file" };
        command.Arguments.Add(file);
        command.SetAction(r => Terminal.Guard(() =>
        {
            System.Console.WriteLine(OnnxModelSummary.Read(r.GetValue(file)!).Describe());
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// <c>optimize FILE.onnx --out OUT.onnx</c>: the exporter's graph rewrites for ONNX Runtime's CPU kernels applied to an
    /// existing file (one exported before a rewrite existed, or another exporter's), kept only if ONNX Runtime gives the
    /// same outputs as the original.
    /// </summary>
    public static Command Optimize()
    {
        var command = new Command("optimize", "Apply the exporter's ONNX Runtime CPU rewrites (transposed convolutions as phases, narrow output layers as taps, DepthToSpace as Transposes, batch-norm folding) to an existing ONNX file; written only if ONNX Runtime gives the original's outputs on random inputs.");
        var file = new Argument<string>("file") { Description = "an .onnx file" };
        command.Arguments.Add(file);
        command.AddOptions(OptimizeSettings.All.ToOptions());
        command.SetAction(r => Terminal.Guard(() =>
        {
            var values = new ParsedSettings(r);
            var options = OptimizeSettings.Optimization(values);
            var (input, rewritten) = (Path.GetFullPath(r.GetValue(file)!), Path.GetFullPath(values.Get(OptimizeSettings.Output)));
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
}
