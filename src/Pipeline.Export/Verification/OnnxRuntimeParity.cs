using Microsoft.ML.OnnxRuntime;
using Pipeline.Onnx.Optimization;
using TensorElementType = Microsoft.ML.OnnxRuntime.Tensors.TensorElementType;

namespace Pipeline.Export.Verification;

/// <summary>Compares an ONNX file run by ONNX Runtime with the module's eval-mode TorchSharp forward on the same inputs.</summary>
internal static class OnnxRuntimeParity
{
    /// <summary>
    /// Largest |ONNX − Torch| per float output over every batch, and for int64 (index) outputs the largest fraction of
    /// indices that differ (named in <paramref name="indexOutputs"/>); throws when outputs differ in shape.
    /// </summary>
    public static Dictionary<string, double> Check(string modelPath, nn.Module module, OnnxExportOptions options, out HashSet<string> indexOutputs)
    {
        var worst = options.OutputNames.ToDictionary(n => n, _ => 0.0);
        indexOutputs = new HashSet<string>(StringComparer.Ordinal);
        using var session = new InferenceSession(modelPath);
        using var generator = new Generator((ulong)options.Seed);
        foreach (var batch in Batches(options, generator))
        {
            using var scope = NewDisposeScope();
            Tensor[] expected;
            using (no_grad())
            {
                expected = TorchReference.Forward(module, batch);
            }

            var actual = Run(session, options, batch);
            for (var i = 0; i < expected.Length; i++)
            {
                var name = options.OutputNames[i];
                var (shape, values) = actual[i];
                if (!shape.SequenceEqual(expected[i].shape))
                {
                    throw new OnnxVerificationException(
                        $"Output '{name}': ONNX Runtime gives shape [{string.Join(", ", shape)}], TorchSharp [{string.Join(", ", expected[i].shape)}].");
                }

                if (expected[i].dtype == ScalarType.Int64)
                {
                    indexOutputs.Add(name);
                    worst[name] = Math.Max(worst[name], MismatchFraction(values, expected[i]));
                }
                else
                {
                    worst[name] = Math.Max(worst[name], MaxAbsDifference(values, expected[i]));
                }
            }
        }

        return worst;
    }

    public static IEnumerable<int> BatchSizes(OnnxExportOptions options) =>
        options.VerificationBatchSizes.Concat(options.VerificationInputs.Select(inputs => (int)inputs[0].shape[0]));

    private static IEnumerable<IReadOnlyList<Tensor>> Batches(OnnxExportOptions options, Generator generator)
    {
        foreach (var size in options.VerificationBatchSizes)
        {
            yield return options.Inputs.Select(spec => spec.ElementType == OnnxElementType.Int64
                ? randint(spec.IndexLimit, spec.ShapeFor(size), dtype: ScalarType.Int64, generator: generator)
                : randn(spec.ShapeFor(size), generator: generator)).ToArray();
        }

        foreach (var inputs in options.VerificationInputs)
        {
            yield return inputs;
        }
    }

    private static (long[] Shape, double[] Values)[] Run(InferenceSession session, OnnxExportOptions options, IReadOnlyList<Tensor> batch)
    {
        var values = new List<OrtValue>();
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var input = batch[i].detach().cpu().contiguous();
                values.Add(options.Inputs[i].ElementType == OnnxElementType.Int64
                    ? OrtValue.CreateTensorValueFromMemory(input.to_type(ScalarType.Int64).data<long>().ToArray(), input.shape)
                    : OrtValue.CreateTensorValueFromMemory(input.to_type(ScalarType.Float32).data<float>().ToArray(), input.shape));
            }

            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, options.Inputs.Select(s => s.Name).ToArray(), values, options.OutputNames.ToArray());
            return outputs.Select(o => (o.GetTensorTypeAndShape().Shape, Values(o))).ToArray();
        }
        catch (OnnxRuntimeException e)
        {
            throw new OnnxVerificationException($"ONNX Runtime could not run the exported model: {e.Message}", e);
        }
        finally
        {
            values.ForEach(v => v.Dispose());
        }
    }

    // Index outputs (ArgMin) are int64; comparing in double keeps them exact.
    private static double[] Values(OrtValue value) => value.GetTensorTypeAndShape().ElementDataType switch
    {
        TensorElementType.Float => value.GetTensorDataAsSpan<float>().ToArray().Select(v => (double)v).ToArray(),
        TensorElementType.Int64 => value.GetTensorDataAsSpan<long>().ToArray().Select(v => (double)v).ToArray(),
        var other => throw new OnnxVerificationException($"Verification compares float32 and int64 outputs, not {other}."),
    };

    private static double MismatchFraction(double[] actual, Tensor expected)
    {
        var reference = expected.detach().cpu().contiguous().data<long>().ToArray();
        return reference.Length == 0 ? 0 : (double)reference.Where((r, i) => r != (long)actual[i]).Count() / reference.Length;
    }

    private static double MaxAbsDifference(double[] actual, Tensor expected)
    {
        var reference = expected.detach().cpu().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
        var worst = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            var difference = Math.Abs(actual[i] - reference[i]);
            if (double.IsNaN(difference))
            {
                difference = double.IsNaN(actual[i]) && double.IsNaN(reference[i]) ? 0 : double.PositiveInfinity;
            }

            worst = Math.Max(worst, difference);
        }

        return worst;
    }
}
