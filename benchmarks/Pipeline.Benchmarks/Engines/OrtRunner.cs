using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Pipeline.Benchmarks.Engines;

/// <summary>One graph input: its name, the managed array holding a whole batch, and the batch's shape.</summary>
public sealed record OrtInput(string Name, Array Data, long[] Shape);

/// <summary>
/// ONNX Runtime called directly, the way an application that cares about speed would: one session, inputs and outputs
/// as OrtValues over managed arrays created once (no copies, no allocation per call), run either through
/// <c>Run</c> with pre-allocated outputs or through an IOBinding bound once.
/// </summary>
public sealed class OrtRunner : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly OrtValue[] _inputs;
    private readonly string[] _outputNames;
    private readonly OrtValue[] _outputs;
    private readonly Func<float> _firstOutput = null!;
    private readonly OrtIoBinding _binding;

    /// <summary>
    /// Opens <paramref name="modelFile"/> with <paramref name="threads"/> intra-op threads and the graph optimisation
    /// <paramref name="level"/> (all, ONNX Runtime's default, unless given), on the CUDA execution provider when
    /// <paramref name="cuda"/> (inputs and outputs stay in host memory, as an application's do), and binds the inputs.
    /// </summary>
    public OrtRunner(string modelFile, int threads, IReadOnlyList<OrtInput> inputs, GraphOptimizationLevel level = GraphOptimizationLevel.ORT_ENABLE_ALL, bool cuda = false)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1, // our graphs are chains: nothing runs in parallel across operators
            GraphOptimizationLevel = level,
        };
        if (cuda && Pipeline.MLNet.OnnxSessions.TryUseCuda(options, 0) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        _session = new InferenceSession(modelFile, options);
        _inputNames = inputs.Select(i => i.Name).ToArray();
        _inputs = inputs.Select(Wrap).ToArray();
        _outputNames = _session.OutputMetadata.Keys.ToArray();
        _outputs = _outputNames.Select(_ => (OrtValue)null!).ToArray();
        // Shapes and element types from one run: symbolic sizes (a translator's H and W) are known only once inputs are
        // given, and an encoder to codes writes int64.
        using (var first = _session.Run(_runOptions, _inputNames, _inputs, _outputNames))
        {
            var i = 0;
            foreach (var value in first)
            {
                var info = value.GetTensorTypeAndShape();
                (_outputs[i], var read) = info.ElementDataType == TensorElementType.Int64 ? Allocate<long>(info.Shape, v => v) : Allocate<float>(info.Shape, v => v);
                _firstOutput ??= read;
                i++;
            }
        }

        _binding = _session.CreateIoBinding();
        for (var i = 0; i < _inputs.Length; i++)
        {
            _binding.BindInput(_inputNames[i], _inputs[i]);
        }

        for (var i = 0; i < _outputs.Length; i++)
        {
            _binding.BindOutput(_outputNames[i], _outputs[i]);
        }
    }

    /// <summary>Run with pre-allocated input and output OrtValues; returns the first output's first element.</summary>
    public float Run()
    {
        _session.Run(_runOptions, _inputNames, _inputs, _outputNames, _outputs);
        return _firstOutput();
    }

    /// <summary>Run through the IOBinding made in the constructor; returns the first output's first element.</summary>
    public float RunWithBinding()
    {
        _session.RunWithBinding(_runOptions, _binding);
        return _firstOutput();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _binding.Dispose();
        foreach (var value in _inputs.Concat(_outputs))
        {
            value.Dispose();
        }

        _runOptions.Dispose();
        _session.Dispose();
    }

    private static (OrtValue Value, Func<float> First) Allocate<T>(long[] shape, Func<T, float> toFloat)
        where T : unmanaged
    {
        var data = new T[shape.Aggregate(1L, (p, d) => p * d)];
        return (OrtValue.CreateTensorValueFromMemory(data, shape), () => toFloat(data[0]));
    }

    private static OrtValue Wrap(OrtInput input) => input.Data switch
    {
        float[] values => OrtValue.CreateTensorValueFromMemory(values, input.Shape),
        long[] values => OrtValue.CreateTensorValueFromMemory(values, input.Shape),
        _ => throw new ArgumentException($"Input '{input.Name}' holds {input.Data.GetType().Name}; float[] or long[] expected.", nameof(input)),
    };
}
