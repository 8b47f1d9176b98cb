using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Pipeline.Onnx.Sampling;

namespace Pipeline.MLNet.Sampling;

/// <summary>
/// Ancestral sampling from an exported autoregressive model (a PixelCNN over pixels or a VQ-VAE-2 prior) through ONNX
/// Runtime, without TorchSharp: positions in raster order, one <c>Run</c> per position for a whole batch of grids, each
/// grid drawn from its own stream <see cref="SampleStreams.For"/>(seed) by <see cref="CategoricalDraw"/>, exactly as
/// TorchSharp's <c>PixelCnnSampler</c> does; so the same seeds, labels and condition give the same grids on both.
/// </summary>
/// <remarks>
/// The exported graph fixes the grid's height (its condition upsampling and shapes are built for the whole grid), so
/// every Run computes all H×W positions although only one is read; TorchSharp's sampler feeds just the receptive-field
/// band instead. Everything per batch is allocated once: the grid, label, condition and logits buffers are pinned as
/// <see cref="OrtValue"/>s and bound through an <see cref="OrtIoBinding"/>, ONNX Runtime writes the logits into ours,
/// and a draw writes its level straight into the bound grid.
/// </remarks>
public sealed class AutoregressiveOnnxSampler : IDisposable
{
    private readonly AutoregressiveModel _model;
    private readonly InferenceSession _session;

    private AutoregressiveOnnxSampler(AutoregressiveModel model, OnnxRuntimeOptions runtime)
    {
        runtime.Validate();
        _model = model;
        Runtime = runtime;
        (_session, ExecutionProvider) = OnnxSessions.Create(model.Model, runtime);
    }

    /// <summary>The ONNX file.</summary>
    public string Source => _model.Source;

    /// <summary>K, the levels at each position.</summary>
    public int Levels => _model.Levels;

    /// <summary>Rows of the sampled grid.</summary>
    public int Height => _model.Height;

    /// <summary>Columns of the sampled grid.</summary>
    public int Width => _model.Width;

    /// <summary>Classes of a class-conditional model; null when it takes no label.</summary>
    public int? ClassCount => _model.ClassCount;

    /// <summary>(levels, rows, columns) of the condition grid; null when the model takes none.</summary>
    public (int Levels, int Height, int Width)? ConditionShape => _model.Condition is { } c ? (c.Levels, c.Height, c.Width) : null;

    /// <summary>"CPU" or "CUDA:N".</summary>
    public string ExecutionProvider { get; }

    /// <summary>ONNX Runtime settings; <see cref="OnnxRuntimeOptions.BatchSize"/> grids share each Run.</summary>
    public OnnxRuntimeOptions Runtime { get; }

    internal AutoregressiveModel Model => _model;

    /// <summary>Opens an exported autoregressive model (checked against its metadata before a session exists).</summary>
    public static AutoregressiveOnnxSampler Load(string path, OnnxRuntimeOptions? runtime = null) =>
        new(AutoregressiveModel.Load(path), runtime ?? OnnxRuntimeOptions.Default);

    internal static AutoregressiveOnnxSampler Open(AutoregressiveModel model, OnnxRuntimeOptions runtime) => new(model, runtime);

    /// <summary>
    /// One grid per seed → N·H·W levels, row-major per grid. <paramref name="labels"/> (N classes) for a
    /// class-conditional model, <paramref name="condition"/> (N·Hc·Wc codes) for a model with a condition grid.
    /// </summary>
    public long[] Sample(IReadOnlyList<long> seeds, IReadOnlyList<long>? labels, ReadOnlySpan<long> condition, CategoricalSampling sampling) =>
        Sample(seeds, labels, condition, sampling, null);

    internal long[] Sample(IReadOnlyList<long> seeds, IReadOnlyList<long>? labels, ReadOnlySpan<long> condition, CategoricalSampling sampling, SamplerProfile? profile)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        sampling.Validate();
        CheckInputs(seeds.Count, labels, condition);
        var grids = new long[seeds.Count * _model.Size];
        Workspace? workspace = null;
        try
        {
            for (var start = 0; start < seeds.Count; start += Runtime.BatchSize)
            {
                var n = Math.Min(Runtime.BatchSize, seeds.Count - start);
                if (workspace?.Count != n)
                {
                    workspace?.Dispose();
                    workspace = new Workspace(_model, _session, n);
                }

                workspace.Load(labels, start, _model.Condition is { } c ? condition.Slice(start * c.Size, n * c.Size) : default);
                var streams = Enumerable.Range(start, n).Select(b => SampleStreams.For(seeds[b])).ToArray();
                workspace.Draw(streams, sampling, profile);
                workspace.Grid.AsSpan().CopyTo(grids.AsSpan(start * _model.Size));
            }
        }
        finally
        {
            workspace?.Dispose();
        }

        return grids;
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    private void CheckInputs(int count, IReadOnlyList<long>? labels, ReadOnlySpan<long> condition)
    {
        if (_model.ClassCount is { } classes)
        {
            if (labels is null || labels.Count != count)
            {
                throw new ArgumentException($"{Source} is class-conditional ({classes} classes): give one label per seed ({count}), got {labels?.Count.ToString() ?? "none"}.", nameof(labels));
            }

            for (var b = 0; b < count; b++)
            {
                if (labels[b] < 0 || labels[b] >= classes)
                {
                    throw new ArgumentOutOfRangeException(nameof(labels), labels[b], $"Grid {b}: class label {labels[b]} is outside [0, {classes - 1}] of {Path.GetFileName(Source)}.");
                }
            }
        }
        else if (labels is { Count: > 0 })
        {
            throw new ArgumentException($"{Source} is unconditional: it takes no class labels.", nameof(labels));
        }

        if (_model.Condition is { } c)
        {
            if (condition.Length != count * c.Size)
            {
                throw new ArgumentException($"{Source} takes a {c.Height}x{c.Width} condition grid per seed: expected {count * c.Size} codes, got {condition.Length}.", nameof(condition));
            }

            for (var k = 0; k < condition.Length; k++)
            {
                if (condition[k] < 0 || condition[k] >= c.Levels)
                {
                    throw new ArgumentOutOfRangeException(nameof(condition), condition[k], $"Condition grid {k / c.Size}, position {k % c.Size}: code {condition[k]} is outside [0, {c.Levels - 1}] of {Path.GetFileName(Source)}.");
                }
            }
        }
        else if (condition.Length > 0)
        {
            throw new ArgumentException($"{Source} takes no condition grid.", nameof(condition));
        }
    }

    /// <summary>The pinned buffers and binding of one batch size: allocated once, reused for every position.</summary>
    private sealed class Workspace : IDisposable
    {
        private readonly AutoregressiveModel _model;
        private readonly InferenceSession _session;
        private readonly List<OrtValue> _values = [];
        private readonly OrtIoBinding _binding;
        private readonly RunOptions _run = new();
        private readonly long[] _labels;
        private readonly long[] _condition;
        private readonly float[] _logits;
        private readonly float[] _position;
        private readonly double[] _scratch;

        public Workspace(AutoregressiveModel model, InferenceSession session, int count)
        {
            _model = model;
            _session = session;
            Count = count;
            Grid = new long[count * model.Size];
            _labels = new long[model.ClassCount is null ? 0 : count];
            _condition = new long[model.Condition is { } c ? count * c.Size : 0];
            _logits = new float[count * model.Levels * model.Size];
            _position = new float[model.Levels];
            _scratch = new double[model.Levels];
            _binding = session.CreateIoBinding();
            Bind(AutoregressiveModel.GridInput, Grid, [count, model.Height, model.Width]);
            if (model.ClassCount is not null)
            {
                Bind(AutoregressiveModel.LabelInput, _labels, [count]);
            }

            if (model.Condition is { } condition)
            {
                Bind(AutoregressiveModel.ConditionInput, _condition, [count, condition.Height, condition.Width]);
            }

            var logits = OrtValue.CreateTensorValueFromMemory(_logits, [count, model.Levels, model.Height, model.Width]);
            _values.Add(logits);
            _binding.BindOutput(AutoregressiveModel.LogitsOutput, logits);
        }

        public int Count { get; }

        public long[] Grid { get; }

        public void Load(IReadOnlyList<long>? labels, int start, ReadOnlySpan<long> condition)
        {
            Array.Clear(Grid);
            for (var b = 0; b < _labels.Length; b++)
            {
                _labels[b] = labels![start + b];
            }

            condition.CopyTo(_condition);
        }

        public void Draw(Random[] streams, CategoricalSampling sampling, SamplerProfile? profile)
        {
            var levels = _model.Levels;
            var size = _model.Size;
            profile?.Start();
            for (var p = 0; p < size; p++)
            {
                _session.RunWithBinding(_run, _binding);
                profile?.AddRun();
                for (var b = 0; b < Count; b++)
                {
                    // logits[b, k, p] for k = 0 … K−1: strided by H·W in the (B, K, H, W) output.
                    var offset = (b * levels * size) + p;
                    for (var k = 0; k < levels; k++)
                    {
                        _position[k] = _logits[offset + (k * size)];
                    }

                    Grid[(b * size) + p] = CategoricalDraw.Draw(_position, sampling, streams[b].NextDouble(), _scratch);
                }

                profile?.AddDraw();
            }
        }

        public void Dispose()
        {
            _binding.Dispose();
            _run.Dispose();
            foreach (var value in _values)
            {
                value.Dispose();
            }
        }

        private void Bind(string name, long[] buffer, long[] shape)
        {
            var value = OrtValue.CreateTensorValueFromMemory(buffer, shape);
            _values.Add(value);
            _binding.BindInput(name, value);
        }
    }
}

/// <summary>Where sampling time goes: inside ONNX Runtime's Run, and in reading logits and drawing.</summary>
internal sealed class SamplerProfile
{
    private long _last;

    public TimeSpan Run { get; private set; }

    public TimeSpan Draw { get; private set; }

    public long Runs { get; private set; }

    public void Start() => _last = Stopwatch.GetTimestamp();

    public void AddRun()
    {
        Run += Lap();
        Runs++;
    }

    public void AddDraw() => Draw += Lap();

    private TimeSpan Lap()
    {
        var now = Stopwatch.GetTimestamp();
        var lap = Stopwatch.GetElapsedTime(_last, now);
        _last = now;
        return lap;
    }
}
