using System.Diagnostics;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Pipeline.Data;
using Pipeline.Onnx;
using Pipeline.Onnx.Proto;

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
        using var before = Load(originalBytes, why => new InvalidDataException($"{inputPath}: ONNX Runtime cannot load it: {why}"));
        using var after = Load(rewrittenBytes, why => new OnnxVerificationException($"{inputPath}: ONNX Runtime cannot load the rewritten graph ({why}); {outputPath} was not written."));
        var differences = MaxDifferences(before, after, inputs, options);
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

    private static InferenceSession Load(byte[] model, Func<string, Exception> failure)
    {
        try
        {
            return Session(model, 0);
        }
        catch (OnnxRuntimeException ex)
        {
            throw failure(ex.Message);
        }
    }

    private static InferenceSession Session(byte[] model, int threads)
    {
        using var settings = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1 };
        return new InferenceSession(model, settings);
    }

    private static Dictionary<string, double> MaxDifferences(InferenceSession before, InferenceSession after, RandomInputs inputs, OnnxOptimizationOptions options)
    {
        var outputs = before.OutputMetadata.Keys.ToArray();
        var worst = outputs.ToDictionary(o => o, _ => 0.0, StringComparer.Ordinal);
        var random = new Random(options.Seed);
        using var run = new RunOptions();
        foreach (var batch in options.BatchSizes)
        {
            var values = inputs.Create(batch, random);
            try
            {
                using var expected = before.Run(run, inputs.Names, values, outputs);
                using var actual = after.Run(run, inputs.Names, values, outputs);
                for (var i = 0; i < outputs.Length; i++)
                {
                    worst[outputs[i]] = Math.Max(worst[outputs[i]], Difference(outputs[i], expected[i], actual[i]));
                }
            }
            finally
            {
                foreach (var value in values)
                {
                    value.Dispose();
                }
            }
        }

        return worst;
    }

    // Largest |a − b| of a float output, or the fraction of differing values of an integer one.
    private static double Difference(string name, OrtValue expected, OrtValue actual)
    {
        var (shape, otherShape) = (expected.GetTensorTypeAndShape().Shape, actual.GetTensorTypeAndShape().Shape);
        if (!shape.SequenceEqual(otherShape))
        {
            throw new OnnxVerificationException($"Output '{name}': the original gives shape [{string.Join(", ", shape)}], the rewritten graph [{string.Join(", ", otherShape)}].");
        }

        if (expected.GetTensorTypeAndShape().ElementDataType == Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Int64)
        {
            var a = expected.GetTensorDataAsSpan<long>();
            var b = actual.GetTensorDataAsSpan<long>();
            var differing = 0;
            for (var i = 0; i < a.Length; i++)
            {
                differing += a[i] == b[i] ? 0 : 1;
            }

            return a.Length == 0 ? 0 : (double)differing / a.Length;
        }

        var x = expected.GetTensorDataAsSpan<float>();
        var y = actual.GetTensorDataAsSpan<float>();
        var worst = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var d = Math.Abs((double)x[i] - y[i]);
            worst = double.IsNaN(d) ? double.PositiveInfinity : Math.Max(worst, d);
        }

        return worst;
    }

    // Medians of alternating runs of both graphs on one batch, one thread each: the two share the machine's state.
    private static OnnxOptimizationTiming Time(byte[] original, byte[] rewritten, RandomInputs inputs, OnnxOptimizationOptions options)
    {
        using var before = Session(original, 1);
        using var after = Session(rewritten, 1);
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
