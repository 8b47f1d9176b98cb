using System.Diagnostics;
using Google.Protobuf;
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
/// Each Run computes only the band of rows the current row's logits depend on (<see cref="RowsAbove"/> rows above it,
/// the receptive field the export states) when the graph takes bands; an older export, whose graph fixes the height,
/// is run on the whole H×W grid for every position. Everything per batch is allocated once: the grid, label,
/// condition, band and logits buffers are pinned as <see cref="OrtValue"/>s and bound through one
/// <see cref="OrtIoBinding"/> per band shape, and ONNX Runtime writes the logits into ours.
/// </remarks>
public sealed class AutoregressiveOnnxSampler : IDisposable
{
    private readonly AutoregressiveModel _model;
    private readonly InferenceSession _session;
    private readonly RowBand[] _bands;
    private readonly (PixelCnnLayout Layout, InferenceSession Row, InferenceSession Step)? _steps;

    // Step graphs on the CPU: one single-threaded lane per core, each drawing its share of a batch. A position's
    // kernels are too small for ONNX Runtime's intra-op threads (two threads ran 0.6x one), but grids are independent.
    private readonly int _lanes = 1;

    private AutoregressiveOnnxSampler(AutoregressiveModel model, OnnxRuntimeOptions runtime, int? rowsAbove)
    {
        runtime.Validate();
        _model = model;
        Runtime = runtime;
        RowsAbove = CheckRowsAbove(model, rowsAbove);
        _bands = RowsAbove is { } rows ? RowBands.Banded(model.Height, rows, model.Condition) : RowBands.WholeGrid(model.Height, model.Condition);
        (_session, ExecutionProvider) = OnnxSessions.Create(model.Model, runtime);
        if (rowsAbove is null && model.ReceptiveFieldRows is not null && PixelCnnStepGraphs.TryCreate(model.Model.Proto, out _) is { } steps)
        {
            _lanes = runtime.GpuDeviceId is null ? (runtime.IntraOpThreads > 0 ? runtime.IntraOpThreads : Environment.ProcessorCount) : 1;
            var stepRuntime = _lanes > 1 ? runtime with { IntraOpThreads = 1 } : runtime;
            var (row, _) = OnnxSessions.Create($"{model.Source} (row graph)", steps.Row.ToByteArray(), stepRuntime);
            var (step, _) = OnnxSessions.Create($"{model.Source} (step graph)", steps.Step.ToByteArray(), stepRuntime);
            _steps = (steps.Layout, row, step);
        }
    }

    /// <summary>
    /// Whether sampling runs the step graphs rewritten from the file (<see cref="PixelCnnStepGraphs"/>: one row-graph Run
    /// per row and one step-graph Run per position, each over that row or position only) rather than the whole graph on
    /// a band of rows per position. True for every export of ours that states its receptive field, unless
    /// <c>rowsAbove</c> was given to <see cref="Load"/>.
    /// </summary>
    public bool UsesStepGraphs => _steps is not null;

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

    /// <summary>The label meaning "no class" (the class count) of a model trained with class dropout, which guidance needs; null otherwise.</summary>
    public int? UnconditionalLabel => _model.UnconditionalLabel;

    /// <summary>(levels, rows, columns) of the condition grid; null when the model takes none.</summary>
    public (int Levels, int Height, int Width)? ConditionShape => _model.Condition is { } c ? (c.Levels, c.Height, c.Width) : null;

    /// <summary>
    /// Rows above the current one that each Run computes (from row 0 while fewer lie above): the receptive field the
    /// file states (<see cref="OnnxMetadataKeys.Autoregressive.ReceptiveFieldRows"/>) unless asked for more; null when
    /// every Run computes the whole grid, as for an export that does not state it.
    /// </summary>
    public int? RowsAbove { get; }

    /// <summary>"CPU" or "CUDA:N".</summary>
    public string ExecutionProvider { get; }

    /// <summary>ONNX Runtime settings; <see cref="OnnxRuntimeOptions.BatchSize"/> grids share each Run.</summary>
    public OnnxRuntimeOptions Runtime { get; }

    internal AutoregressiveModel Model => _model;

    /// <summary>Opens an exported autoregressive model (checked against its metadata before a session exists).</summary>
    /// <param name="path">the ONNX file</param>
    /// <param name="runtime">ONNX Runtime settings; <see cref="OnnxRuntimeOptions.Default"/> when null</param>
    /// <param name="rowsAbove">
    /// null for cached sampling through the step graphs (<see cref="UsesStepGraphs"/>; an export without them falls back to
    /// its receptive field's band); otherwise the whole graph runs per position on a band of this many rows above the
    /// current one: H or more for the whole grid at every position (what exports without the receptive field get);
    /// fewer than the receptive field is refused, as it would change the logits
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowsAbove"/> is below the receptive field, or the
    /// file does not state one and <paramref name="rowsAbove"/> asks for less than the whole grid.</exception>
    public static AutoregressiveOnnxSampler Load(string path, OnnxRuntimeOptions? runtime = null, int? rowsAbove = null) =>
        new(AutoregressiveModel.Load(path), runtime ?? OnnxRuntimeOptions.Default, rowsAbove);

    internal static AutoregressiveOnnxSampler Open(AutoregressiveModel model, OnnxRuntimeOptions runtime) => new(model, runtime, null);

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
        if (sampling.IsGuided && _model.UnconditionalLabel is null)
        {
            throw new ArgumentException(
                $"{Source}: guidance {sampling.Guidance} needs a model trained with class dropout (its metadata then has {OnnxMetadataKeys.Autoregressive.UnconditionalLabel}); use guidance 1 with this one.",
                nameof(sampling));
        }

        var grids = new long[seeds.Count * _model.Size];
        var conditions = condition.ToArray();
        // Not while a profile adds up one lane's times (_lanes is 1 without step graphs).
        var lanes = profile is null ? _lanes : 1;
        var workspaces = new SamplingWorkspace?[lanes];
        try
        {
            for (var start = 0; start < seeds.Count; start += Runtime.BatchSize)
            {
                var n = Math.Min(Runtime.BatchSize, seeds.Count - start);
                var shares = Math.Min(lanes, n);
                var batchStart = start;
                void Share(int lane)
                {
                    var from = batchStart + (n * lane / shares);
                    var count = batchStart + (n * (lane + 1) / shares) - from;
                    DrawShare(ref workspaces[lane], seeds, labels, conditions, sampling, profile, from, count, grids);
                }

                if (shares == 1)
                {
                    Share(0);
                }
                else
                {
                    Parallel.For(0, shares, new ParallelOptions { MaxDegreeOfParallelism = shares }, Share);
                }
            }
        }
        finally
        {
            foreach (var workspace in workspaces)
            {
                workspace?.Dispose();
            }
        }

        return grids;
    }

    // Draws grids from .. from + count − 1 into their place in grids, (re)making the workspace when the count changes. A
    // grid's draws depend on its own seed, label and condition only, so shares drawn apart give the grids one draw gives.
    private void DrawShare(ref SamplingWorkspace? workspace, IReadOnlyList<long> seeds, IReadOnlyList<long>? labels, long[] conditions,
        CategoricalSampling sampling, SamplerProfile? profile, int from, int count, long[] grids)
    {
        if (workspace?.Count != count)
        {
            workspace?.Dispose();
            workspace = _steps is { } steps
                ? new StepGraphWorkspace(_model, steps.Layout, steps.Row, steps.Step, count, sampling.IsGuided)
                : new Workspace(_model, _session, _bands, count, sampling.IsGuided);
        }

        workspace.Load(labels, from, _model.Condition is { } c ? conditions.AsSpan(from * c.Size, count * c.Size) : default);
        workspace.Draw(Enumerable.Range(from, count).Select(b => SampleStreams.For(seeds[b])).ToArray(), sampling, profile);
        workspace.Grid.AsSpan().CopyTo(grids.AsSpan(from * _model.Size));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _session.Dispose();
        _steps?.Row.Dispose();
        _steps?.Step.Dispose();
    }

    private static int? CheckRowsAbove(AutoregressiveModel model, int? rowsAbove)
    {
        if (model.ReceptiveFieldRows is not { } least)
        {
            return rowsAbove is null || rowsAbove >= model.Height ? null : throw new ArgumentOutOfRangeException(nameof(rowsAbove), rowsAbove,
                $"{model.Source} does not state its receptive field ({OnnxMetadataKeys.Autoregressive.ReceptiveFieldRows}; an older export with a fixed height): it runs on the whole grid.");
        }

        var rows = rowsAbove ?? least;
        if (rows < least)
        {
            throw new ArgumentOutOfRangeException(nameof(rowsAbove), rowsAbove,
                $"{model.Source}: a row's logits depend on the {least} rows above it ({OnnxMetadataKeys.Autoregressive.ReceptiveFieldRows}); a band of {rows} rows above would change them.");
        }

        // The file's own R may exceed the grid (a 7-row top prior of 8 layers): its bands then start at row 0 and still
        // end at the current row, fewer rows than the whole grid. Only a caller asking for H or more gets the whole grid.
        return rowsAbove >= model.Height ? null : rows;
    }

    private void CheckInputs(int count, IReadOnlyList<long>? labels, ReadOnlySpan<long> condition)
    {
        if (_model.ClassCount is { } classes)
        {
            if (labels is null || labels.Count != count)
            {
                throw new ArgumentException($"{Source} is class-conditional ({classes} classes): give one label per seed ({count}), got {labels?.Count.ToString() ?? "none"}.", nameof(labels));
            }

            // A model trained with class dropout also takes its "no class" label: p(x) without a class.
            var accepted = _model.UnconditionalLabel is null ? classes : classes + 1;
            for (var b = 0; b < count; b++)
            {
                if (labels[b] < 0 || labels[b] >= accepted)
                {
                    throw new ArgumentOutOfRangeException(nameof(labels), labels[b], $"Grid {b}: class label {labels[b]} is outside [0, {accepted - 1}] of {Path.GetFileName(Source)}{(accepted > classes ? $" ({classes}: no class)" : string.Empty)}.");
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

    /// <summary>The whole graph on the band of each row: the band buffers and one binding per band shape.</summary>
    private sealed class Workspace : SamplingWorkspace
    {
        private readonly InferenceSession _session;
        private readonly RowBand[] _bands;
        private readonly Dictionary<(int Rows, int ConditionRows), OrtIoBinding> _bindings = [];
        private readonly OrtValue? _labelValue;
        private readonly long[] _bandGrid;
        private readonly long[] _bandCondition;
        private readonly float[] _logits;
        private readonly float[] _position;
        private readonly float[] _unconditional;
        private readonly double[] _scratch;

        public Workspace(AutoregressiveModel model, InferenceSession session, RowBand[] bands, int count, bool guided)
            : base(model, count, guided)
        {
            _session = session;
            _bands = bands;
            var rows = bands.Max(b => b.Rows);
            _bandGrid = new long[Runs * rows * model.Width];
            _bandCondition = new long[model.Condition is { } condition ? Runs * bands.Max(b => b.ConditionRows) * condition.Width : 0];
            _logits = new float[Runs * model.Levels * rows * model.Width];
            _position = new float[model.Levels];
            _unconditional = new float[guided ? model.Levels : 0];
            _scratch = new double[model.Levels];
            if (model.ClassCount is not null)
            {
                _labelValue = Pinned(Labels, [Runs]);
            }
        }

        public override void Draw(Random[] streams, CategoricalSampling sampling, SamplerProfile? profile)
        {
            var width = Model.Width;
            profile?.Start();
            for (var row = 0; row < Model.Height; row++)
            {
                var band = _bands[row];
                var binding = Bind(band);
                var bandRow = row - band.First;
                var plane = band.Rows * width;                                   // one level's (rows, W) in the logits
                for (var column = 0; column < width; column++)
                {
                    _session.RunWithBinding(RunOptions, binding);
                    profile?.AddRun();
                    for (var b = 0; b < Count; b++)
                    {
                        Read(_position, b, plane, bandRow, column);
                        if (Guided)
                        {
                            Read(_unconditional, Count + b, plane, bandRow, column);
                            CategoricalDraw.Guide(_position, _unconditional, sampling.Guidance);
                        }

                        profile?.Logits?.Invoke(b, row, column, _position);
                        var level = CategoricalDraw.Draw(_position, sampling, streams[b].NextDouble(), _scratch);
                        Grid[(((b * Model.Height) + row) * width) + column] = level;
                        _bandGrid[(((b * band.Rows) + bandRow) * width) + column] = level;
                        if (Guided)
                        {
                            _bandGrid[((((Count + b) * band.Rows) + bandRow) * width) + column] = level;
                        }
                    }

                    profile?.AddDraw();
                }
            }
        }

        // logits[b, k, bandRow, column] for k = 0 … K−1: strided by rows·W in the (runs, K, rows, W) output.
        private void Read(float[] into, int b, int plane, int bandRow, int column)
        {
            var levels = Model.Levels;
            var offset = (b * levels * plane) + (bandRow * Model.Width) + column;
            for (var k = 0; k < levels; k++)
            {
                into[k] = _logits[offset + (k * plane)];
            }
        }

        public override void Dispose()
        {
            foreach (var binding in _bindings.Values)
            {
                binding.Dispose();
            }

            base.Dispose();
        }

        // Copies the band's grid rows (the current one still zeros) and condition rows into the band buffers, laid out
        // (B, rows, W) and (B, condition rows, Wc), and returns the binding of that shape.
        private OrtIoBinding Bind(RowBand band)
        {
            var (height, width) = (Model.Height, Model.Width);
            for (var b = 0; b < Runs; b++)
            {
                Grid.AsSpan((((b % Count) * height) + band.First) * width, band.Rows * width).CopyTo(_bandGrid.AsSpan(b * band.Rows * width));
            }

            if (Model.Condition is { } c)
            {
                for (var b = 0; b < Runs; b++)
                {
                    Condition.AsSpan((b * c.Size) + (band.ConditionFirst * c.Width), band.ConditionRows * c.Width)
                        .CopyTo(_bandCondition.AsSpan(b * band.ConditionRows * c.Width));
                }
            }

            if (_bindings.TryGetValue((band.Rows, band.ConditionRows), out var binding))
            {
                return binding;
            }

            binding = _session.CreateIoBinding();
            binding.BindInput(AutoregressiveModel.GridInput, Pinned(_bandGrid, [Runs, band.Rows, width]));
            if (_labelValue is not null)
            {
                binding.BindInput(AutoregressiveModel.LabelInput, _labelValue);
            }

            if (Model.Condition is { } condition)
            {
                binding.BindInput(AutoregressiveModel.ConditionInput, Pinned(_bandCondition, [Runs, band.ConditionRows, condition.Width]));
            }

            binding.BindOutput(AutoregressiveModel.LogitsOutput, Pinned(_logits, [Runs, Model.Levels, band.Rows, width]));
            _bindings[(band.Rows, band.ConditionRows)] = binding;
            return binding;
        }
    }
}

/// <summary>Where sampling time goes: inside ONNX Runtime's Run, and in reading logits and drawing.</summary>
internal sealed class SamplerProfile
{
    private long _last;

    /// <summary>Called with (grid, row, column, logits) before each draw (after guidance), to compare two samplers' logits.</summary>
    public Action<int, int, int, float[]>? Logits { get; init; }

    public TimeSpan Run { get; private set; }

    public TimeSpan Draw { get; private set; }

    public long Runs { get; private set; }

    /// <summary>The share of <see cref="Run"/> spent in the step graphs' row graph.</summary>
    public TimeSpan RowRun { get; private set; }

    public long RowRuns { get; private set; }

    public void AddRowRun()
    {
        var lap = Lap();
        Run += lap;
        RowRun += lap;
        Runs++;
        RowRuns++;
    }

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
