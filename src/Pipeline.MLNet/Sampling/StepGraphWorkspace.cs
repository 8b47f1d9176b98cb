using Microsoft.ML.OnnxRuntime;
using Pipeline.Onnx.Sampling;
using static Pipeline.Onnx.Sampling.PixelCnnStepGraphs;

namespace Pipeline.MLNet.Sampling;

/// <summary>The pinned buffers of one batch size that a sampler reuses for every position.</summary>
internal interface ISamplingWorkspace : IDisposable
{
    int Count { get; }

    long[] Grid { get; }

    void Load(IReadOnlyList<long>? labels, int start, ReadOnlySpan<long> condition);

    void Draw(Random[] streams, CategoricalSampling sampling, SamplerProfile? profile);
}

/// <summary>
/// Cached sampling through <see cref="PixelCnnStepGraphs"/>: per grid row one Run of the row graph (the vertical stacks
/// at that row, from the rows above held as state), then per position one Run of the step graph (the horizontal stacks
/// and the head at that position, from the columns to its left held as state). Every buffer is allocated and pinned once
/// per batch size; state moves between Runs by copies inside those buffers. Guided, each Run holds the batch twice, the
/// second half with the "no class" label and the same grids, so one Run serves both logits.
/// </summary>
internal sealed class StepGraphWorkspace : ISamplingWorkspace
{
    private readonly AutoregressiveModel _model;
    private readonly PixelCnnLayout _layout;
    private readonly InferenceSession _row;
    private readonly InferenceSession _step;
    private readonly List<OrtValue> _values = [];
    private readonly RunOptions _run = new();
    private readonly OrtIoBinding[] _rowBindings;
    private readonly OrtIoBinding[] _stepBindings;
    private readonly int _runs;
    private readonly long[] _labels;
    private readonly long[] _condition;
    private readonly long[] _rows;
    private readonly long[] _conditionRow;
    private readonly long[] _columns;
    private readonly long[] _column = new long[1];
    private readonly float[][] _verticalIn;
    private readonly float[][] _verticalOut;
    private readonly float[][] _horizontalIn;
    private readonly float[][] _horizontalOut;
    private readonly float[] _logits;
    private readonly float[] _position;
    private readonly float[] _unconditional;
    private readonly double[] _scratch;

    public StepGraphWorkspace(AutoregressiveModel model, PixelCnnLayout layout, InferenceSession row, InferenceSession step, int count, bool guided)
    {
        (_model, _layout, _row, _step) = (model, layout, row, step);
        Count = count;
        Guided = guided;
        _runs = guided ? 2 * count : count;
        Grid = new long[count * model.Size];
        var (width, p, layers) = (model.Width, layout.Channels, layout.Layers);
        _labels = new long[layout.ClassConditional ? _runs : 0];
        _condition = new long[model.Condition is { } c ? _runs * c.Size : 0];
        _conditionRow = new long[model.Condition is { } cc ? _runs * cc.Width : 0];
        _rows = new long[_runs * layout.VerticalRows[0] * width];
        _columns = new long[_runs * layout.HorizontalColumns[0]];
        _verticalIn = Enumerable.Range(0, layers).Select(l => new float[l == 0 ? 0 : _runs * p * (layout.VerticalRows[l] - 1) * width]).ToArray();
        _verticalOut = Enumerable.Range(0, layers - 1).Select(_ => new float[_runs * p * width]).ToArray();
        _horizontalIn = Enumerable.Range(0, layers).Select(l => new float[l == 0 ? 0 : _runs * p * (layout.HorizontalColumns[l] - 1)]).ToArray();
        _horizontalOut = Enumerable.Range(0, layers - 1).Select(_ => new float[_runs * p]).ToArray();
        _logits = new float[_runs * model.Levels];
        _position = new float[model.Levels];
        _unconditional = new float[guided ? model.Levels : 0];
        _scratch = new double[model.Levels];

        var label = layout.ClassConditional ? Pinned(_labels, [_runs]) : null;
        var conditionRow = model.Condition is { } m ? Pinned(_conditionRow, [_runs, 1, m.Width]) : null;
        var links = Enumerable.Range(0, layers).Select(_ => Pinned(new float[_runs * 2 * p * width], [_runs, 2 * p, 1, width])).ToArray();
        var conditionLinks = model.Condition is null ? null : Enumerable.Range(0, layers).Select(_ => Pinned(new float[_runs * 2 * p * width], [_runs, 2 * p, 1, width])).ToArray();
        var verticalIn = Enumerable.Range(0, layers).Select(l => l == 0 ? null : Pinned(_verticalIn[l], [_runs, p, layout.VerticalRows[l] - 1, width])).ToArray();
        var verticalOut = _verticalOut.Select(buffer => Pinned(buffer, [_runs, p, 1, width])).ToArray();
        var horizontalIn = Enumerable.Range(0, layers).Select(l => l == 0 ? null : Pinned(_horizontalIn[l], [_runs, p, 1, layout.HorizontalColumns[l] - 1])).ToArray();
        var horizontalOut = _horizontalOut.Select(buffer => Pinned(buffer, [_runs, p, 1, 1])).ToArray();
        var column = Pinned(_column, [1]);
        var logits = Pinned(_logits, [_runs, model.Levels]);

        // One binding per band of the first layer: rows (or columns) 0 … a for a below ⌈n₁/2⌉ − 1, then always ⌈n₁/2⌉.
        _rowBindings = Enumerable.Range(1, layout.VerticalRows[0]).Select(rows =>
        {
            var binding = _row.CreateIoBinding();
            binding.BindInput(RowsInput, Pinned(_rows, [_runs, rows, width]));
            Bind(binding, label, LabelInput);
            Bind(binding, conditionRow, ConditionRowInput);
            for (var l = 0; l < layers; l++)
            {
                Bind(binding, verticalIn[l], VerticalIn(l));
                binding.BindOutput(Link(l), links[l]);
                if (conditionLinks is not null)
                {
                    binding.BindOutput(ConditionLink(l), conditionLinks[l]);
                }

                if (l < layers - 1)
                {
                    binding.BindOutput(VerticalOut(l), verticalOut[l]);
                }
            }

            return binding;
        }).ToArray();
        _stepBindings = Enumerable.Range(1, layout.HorizontalColumns[0]).Select(columns =>
        {
            var binding = _step.CreateIoBinding();
            binding.BindInput(ColumnsInput, Pinned(_columns, [_runs, 1, columns]));
            Bind(binding, label, LabelInput);
            binding.BindInput(ColumnInput, column);
            for (var l = 0; l < layers; l++)
            {
                binding.BindInput(Link(l), links[l]);
                if (conditionLinks is not null)
                {
                    binding.BindInput(ConditionLink(l), conditionLinks[l]);
                }

                Bind(binding, horizontalIn[l], HorizontalIn(l));
                if (l < layers - 1)
                {
                    binding.BindOutput(HorizontalOut(l), horizontalOut[l]);
                }
            }

            binding.BindOutput(LogitsOutput, logits);
            return binding;
        }).ToArray();
    }

    public int Count { get; }

    public bool Guided { get; }

    public long[] Grid { get; }

    public void Load(IReadOnlyList<long>? labels, int start, ReadOnlySpan<long> condition)
    {
        Array.Clear(Grid);
        for (var b = 0; b < _labels.Length; b++)
        {
            _labels[b] = b < Count ? labels![start + b] : _model.UnconditionalLabel!.Value;
        }

        condition.CopyTo(_condition);
        if (Guided)
        {
            condition.CopyTo(_condition.AsSpan(condition.Length));
        }

        foreach (var state in _verticalIn)
        {
            Array.Clear(state);   // the zero padding above row 0
        }
    }

    public void Draw(Random[] streams, CategoricalSampling sampling, SamplerProfile? profile)
    {
        var (height, width, levels) = (_model.Height, _model.Width, _model.Levels);
        profile?.Start();
        for (var row = 0; row < height; row++)
        {
            RunRow(row);
            profile?.AddRowRun();
            foreach (var state in _horizontalIn)
            {
                Array.Clear(state);   // the zero padding left of column 0
            }

            for (var column = 0; column < width; column++)
            {
                var band = Math.Min(column, _layout.HorizontalColumns[0] - 1) + 1;
                for (var b = 0; b < _runs; b++)
                {
                    Grid.AsSpan((((b % Count) * height) + row) * width + column - band + 1, band).CopyTo(_columns.AsSpan(b * band, band));
                }

                _column[0] = column;
                _step.RunWithBinding(_run, _stepBindings[band - 1]);
                ShiftHorizontal();
                profile?.AddRun();
                for (var b = 0; b < Count; b++)
                {
                    _logits.AsSpan(b * levels, levels).CopyTo(_position);
                    if (Guided)
                    {
                        _logits.AsSpan((Count + b) * levels, levels).CopyTo(_unconditional);
                        CategoricalDraw.Guide(_position, _unconditional, sampling.Guidance);
                    }

                    profile?.Logits?.Invoke(b, row, column, _position);
                    Grid[(((b * height) + row) * width) + column] = CategoricalDraw.Draw(_position, sampling, streams[b].NextDouble(), _scratch);
                }

                profile?.AddDraw();
            }
        }
    }

    public void Dispose()
    {
        foreach (var binding in _rowBindings.Concat(_stepBindings))
        {
            binding.Dispose();
        }

        _run.Dispose();
        foreach (var value in _values)
        {
            value.Dispose();
        }
    }

    // Row r's first-layer band (rows r − a … r, the current row still zeros) and condition row into the pinned inputs,
    // one Run, then each layer's new row shifted into the next layer's vertical state for row r + 1.
    private void RunRow(int row)
    {
        var (height, width) = (_model.Height, _model.Width);
        var band = Math.Min(row, _layout.VerticalRows[0] - 1) + 1;
        for (var b = 0; b < _runs; b++)
        {
            Grid.AsSpan(((b % Count) * height + row - band + 1) * width, band * width).CopyTo(_rows.AsSpan(b * band * width));
        }

        if (_model.Condition is { } c)
        {
            var source = (int)((long)row * c.Height / height);   // ⌊r·Hc/H⌋, the whole graph's nearest-neighbour row
            for (var b = 0; b < _runs; b++)
            {
                _condition.AsSpan((b * c.Size) + (source * c.Width), c.Width).CopyTo(_conditionRow.AsSpan(b * c.Width));
            }
        }

        _row.RunWithBinding(_run, _rowBindings[band - 1]);
        for (var l = 1; l < _layout.Layers; l++)
        {
            Shift(_verticalIn[l], _verticalOut[l - 1], (_layout.VerticalRows[l] - 1) * width, width);
        }
    }

    private void ShiftHorizontal()
    {
        for (var l = 1; l < _layout.Layers; l++)
        {
            Shift(_horizontalIn[l], _horizontalOut[l - 1], _layout.HorizontalColumns[l] - 1, 1);
        }
    }

    // state (runs·p blocks of `window` values) drops its first `step` values per block and takes the newest at its end.
    private void Shift(float[] state, float[] newest, int window, int step)
    {
        var blocks = _runs * _layout.Channels;
        for (var i = 0; i < blocks; i++)
        {
            var block = state.AsSpan(i * window, window);
            block[step..].CopyTo(block);
            newest.AsSpan(i * step, step).CopyTo(block[(window - step)..]);
        }
    }

    private static void Bind(OrtIoBinding binding, OrtValue? value, string name)
    {
        if (value is not null)
        {
            binding.BindInput(name, value);
        }
    }

    private OrtValue Pinned<T>(T[] buffer, long[] shape)
        where T : unmanaged
    {
        var length = (int)shape.Aggregate(1L, (product, d) => product * d);
        var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(0, length), shape);
        _values.Add(value);
        return value;
    }
}
