using System.Buffers;
using Microsoft.ML.OnnxRuntime;

namespace Pipeline.MLNet;

/// <summary>
/// Pre-allocated input and output buffers for up to <see cref="Capacity"/> rows and the <see cref="OrtValue"/>s that
/// pin them, so a full batch is one <c>Run</c> with no allocation: ONNX Runtime reads our arrays and writes its
/// outputs straight into our arrays. Not thread-safe: each cursor or row owns one; the session is shared.
/// </summary>
internal sealed class BatchRunner : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly OnnxTensorInfo[] _inputs;
    private readonly OnnxTensorInfo[] _outputs;
    private readonly OrtValue[] _fullInputs;
    private readonly OrtValue[] _fullOutputs;
    private readonly OrtIoBinding _fullBinding;
    private bool _disposed;

    public BatchRunner(InferenceSession session, IReadOnlyList<OnnxTensorInfo> inputs, IReadOnlyList<OnnxTensorInfo> outputs, int capacity)
    {
        _session = session;
        Capacity = capacity;
        _inputs = inputs.ToArray();
        _outputs = outputs.ToArray();
        _inputNames = _inputs.Select(i => i.Name).ToArray();
        _outputNames = _outputs.Select(o => o.Name).ToArray();
        // Rented, not allocated: a cursor's buffers (200 KB for 64 rows of 784 floats) are reused by the next cursor.
        FloatInputs = _inputs.Select(i => i.ElementType == Onnx.Proto.TensorProto.Types.DataType.Int64 ? [] : ArrayPool<float>.Shared.Rent(capacity * i.Size)).ToArray();
        IndexInputs = _inputs.Select(i => i.ElementType == Onnx.Proto.TensorProto.Types.DataType.Int64 ? ArrayPool<long>.Shared.Rent(capacity * i.Size) : []).ToArray();
        Outputs = _outputs.Select(o => IsIndex(o) ? [] : ArrayPool<float>.Shared.Rent(capacity * o.Size)).ToArray();
        IndexOutputs = _outputs.Select(o => IsIndex(o) ? ArrayPool<long>.Shared.Rent(capacity * o.Size) : []).ToArray();
        _fullInputs = Enumerable.Range(0, _inputs.Length).Select(i => InputValue(i, capacity)).ToArray();
        _fullOutputs = Enumerable.Range(0, _outputs.Length).Select(i => OutputValue(i, capacity)).ToArray();
        // Bound once: a full batch then runs without converting names or building handle arrays per call.
        _fullBinding = session.CreateIoBinding();
        for (var i = 0; i < _inputs.Length; i++)
        {
            _fullBinding.BindInput(_inputNames[i], _fullInputs[i]);
        }

        for (var i = 0; i < _outputs.Length; i++)
        {
            _fullBinding.BindOutput(_outputNames[i], _fullOutputs[i]);
        }
    }

    public int Capacity { get; }

    /// <summary>Per input, rows × values (empty for an int64 input); rented, so possibly longer than that.</summary>
    public float[][] FloatInputs { get; }

    /// <summary>Per input, rows × values of an int64 input (class indices, index grids; empty for a float input).</summary>
    public long[][] IndexInputs { get; }

    /// <summary>Per output, rows × values, filled by <see cref="Run"/> (empty for an int64 output).</summary>
    public float[][] Outputs { get; }

    /// <summary>Per output, rows × values of an int64 output (code grids from a VQ-VAE encoder; empty for a float output).</summary>
    public long[][] IndexOutputs { get; }

    /// <summary>Runs the first <paramref name="count"/> rows of the buffers.</summary>
    public void Run(int count)
    {
        if (count == Capacity)
        {
            _session.RunWithBinding(_runOptions, _fullBinding);
            return;
        }

        // The last, partial batch: views of the same arrays with a shorter batch dimension.
        var inputs = Enumerable.Range(0, _inputs.Length).Select(i => InputValue(i, count)).ToArray();
        var outputs = Enumerable.Range(0, _outputs.Length).Select(i => OutputValue(i, count)).ToArray();
        try
        {
            _session.Run(_runOptions, _inputNames, inputs, _outputNames, outputs);
        }
        finally
        {
            foreach (var value in inputs.Concat(outputs))
            {
                value.Dispose();
            }
        }
    }

    public void Dispose()
    {
        // Returning a rented array twice would hand it to two renters: dispose once only.
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _fullBinding.Dispose();
        foreach (var value in _fullInputs.Concat(_fullOutputs))
        {
            value.Dispose();
        }

        _runOptions.Dispose();
        foreach (var buffer in FloatInputs.Concat(Outputs).Where(b => b.Length > 0))
        {
            ArrayPool<float>.Shared.Return(buffer);
        }

        foreach (var buffer in IndexInputs.Concat(IndexOutputs).Where(b => b.Length > 0))
        {
            ArrayPool<long>.Shared.Return(buffer);
        }
    }

    private OrtValue InputValue(int i, int rows)
    {
        var shape = Shape(_inputs[i], rows);
        return _inputs[i].ElementType == Onnx.Proto.TensorProto.Types.DataType.Int64
            ? OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, IndexInputs[i].AsMemory(0, rows * _inputs[i].Size), shape)
            : OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, FloatInputs[i].AsMemory(0, rows * _inputs[i].Size), shape);
    }

    private OrtValue OutputValue(int i, int rows) => IsIndex(_outputs[i])
        ? OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, IndexOutputs[i].AsMemory(0, rows * _outputs[i].Size), Shape(_outputs[i], rows))
        : OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, Outputs[i].AsMemory(0, rows * _outputs[i].Size), Shape(_outputs[i], rows));

    private static bool IsIndex(OnnxTensorInfo tensor) => tensor.ElementType == Onnx.Proto.TensorProto.Types.DataType.Int64;

    private static long[] Shape(OnnxTensorInfo tensor, int rows) => [rows, .. tensor.Dims.Select(d => (long)d)];
}
