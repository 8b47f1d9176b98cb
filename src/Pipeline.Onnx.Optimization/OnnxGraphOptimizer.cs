using System.Diagnostics;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Pipeline.Data;
using Pipeline.Onnx;

namespace Pipeline.Onnx.Optimization;

/// <summary>
/// Applies the exporter's graph rewrites (<see cref="GraphRewrites"/>) to an existing ONNX file, ours or another
/// exporter's, and keeps the result only if ONNX Runtime gives the same outputs for both graphs on random inputs:
/// a model exported before a rewrite existed gets it without its training run, and a model from PyTorch's exporter
/// gets ONNX Runtime's faster CPU forms too.
/// </summary>
public static class OnnxGraphOptimizer
{
    /// <summary>Oldest opset a file may declare: the rewrites write Unsqueeze with its axes as an input (opset 13).</summary>
    public const int MinOpset = 13;

    /// <summary>
    /// Reads <paramref name="inputPath"/>, rewrites it, checks it against the original in ONNX Runtime and writes it to
    /// <paramref name="outputPath"/> (which may be the input: the file is replaced only once the check passed).
    /// </summary>
    /// <exception cref="FileNotFoundException">No such input file.</exception>
    /// <exception cref="InvalidDataException">The input is not an ONNX model, or an input's size is unknown.</exception>
    /// <exception cref="OnnxVerificationException">The rewritten graph disagrees with the original; nothing is written.</exception>
    public static OnnxOptimizationReport Optimize(string inputPath, string outputPath, OnnxOptimizationOptions? options = null)
    {
        options ??= new OnnxOptimizationOptions();
        var original = OnnxFile.Read(inputPath);
        Require(original, inputPath);
        var rewritten = original.Clone();
        var counts = options.Rewrites.Apply(rewritten.Graph);
        var inputs = new RandomInputs(original, inputPath, options);
        var originalBytes = original.ToByteArray();
        var rewrittenBytes = rewritten.ToByteArray();
        using var before = OnnxParity.Load(originalBytes, why => new InvalidDataException($"{inputPath}: ONNX Runtime cannot load it: {why}"));
        using var after = OnnxParity.Load(rewrittenBytes, why => new OnnxVerificationException($"{inputPath}: ONNX Runtime cannot load the rewritten graph ({why}); {outputPath} was not written."));
        var differences = OnnxParity.MaxDifferences(before, after, inputs, options);
        var failed = differences.Where(d => !(d.Value <= options.Tolerance)).ToArray();
        if (failed.Length > 0)
        {
            throw new OnnxVerificationException(
                $"{inputPath}: the rewritten graph differs from the original in ONNX Runtime: " +
                string.Join(", ", failed.Select(d => $"'{d.Key}' max |Δ| = {d.Value:G3} (tolerance {options.Tolerance:G3})")) + $". {outputPath} was not written.");
        }

        var path = Path.GetFullPath(outputPath);
        AtomicFile.Write(path, stream => stream.Write(rewrittenBytes));

        var timing = options.TimingBatch > 0 ? Time(originalBytes, rewrittenBytes, inputs, options) : null;
        return new OnnxOptimizationReport(path, counts, original.Graph.Node.Count, rewritten.Graph.Node.Count, options.BatchSizes, differences, timing);
    }

    private static void Require(ModelProto model, string path)
    {
        var opset = model.OpsetImport.Where(o => o.Domain is "" or "ai.onnx").Select(o => o.Version).DefaultIfEmpty(0).Max();
        if (opset < MinOpset)
        {
            throw new InvalidDataException($"{path}: opset {opset}; the rewrites write opset-{MinOpset} operators. Export with opset {MinOpset} or newer (or convert it with onnx.version_converter).");
        }

        if (model.Graph.Initializer.Any(t => t.DataLocation == TensorProto.Types.DataLocation.External))
        {
            throw new InvalidDataException($"{path}: its weights are in external data files, which this tool does not read.");
        }
    }

    // Medians of alternating runs of both graphs on one batch, one thread each: the two share the machine's state.
    private static OnnxOptimizationTiming Time(byte[] original, byte[] rewritten, RandomInputs inputs, OnnxOptimizationOptions options)
    {
        using var before = OnnxParity.Session(original, 1);
        using var after = OnnxParity.Session(rewritten, 1);
        var values = inputs.Create(options.TimingBatch, new Random(options.Seed));
        var outputs = before.OutputMetadata.Keys.ToArray();
        using var run = new RunOptions();
        try
        {
            double Once(InferenceSession session)
            {
                var clock = Stopwatch.StartNew();
                using var result = session.Run(run, inputs.Names, values, outputs);
                return clock.Elapsed.TotalMilliseconds;
            }

            Once(before);
            Once(after);
            var (beforeTimes, afterTimes) = (new List<double>(), new List<double>());
            for (var i = 0; i < options.TimingRuns; i++)
            {
                beforeTimes.Add(Once(before));
                afterTimes.Add(Once(after));
            }

            return new OnnxOptimizationTiming(options.TimingBatch, Median(beforeTimes), Median(afterTimes));
        }
        finally
        {
            foreach (var value in values)
            {
                value.Dispose();
            }
        }
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
