using Microsoft.ML.OnnxRuntime;

namespace Pipeline.Onnx.Optimization;

/// <summary>Two graphs that should compute the same function, run side by side in ONNX Runtime on the same random inputs.</summary>
internal static class OnnxParity
{
    public static InferenceSession Load(byte[] model, Func<string, Exception> failure)
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

    public static InferenceSession Session(byte[] model, int threads)
    {
        using var settings = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1 };
        return new InferenceSession(model, settings);
    }

    public static Dictionary<string, double> MaxDifferences(InferenceSession before, InferenceSession after, RandomInputs inputs, OnnxOptimizationOptions options)
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
}
