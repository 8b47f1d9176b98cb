using Microsoft.ML.OnnxRuntime;
using Pipeline.Onnx.Sampling;
using static Pipeline.Onnx.Sampling.PixelCnnStepGraphs;

namespace Pipeline.MLNet.Sampling;

/// <summary>
/// Cached sampling through <see cref="PixelCnnStepGraphs"/>: per grid row one Run of the row graph (the vertical stacks
/// at that row, from the rows above held as state), then per position one Run of the step graph (the horizontal stacks
/// and the head at that position, from the columns to its left held as state). Every buffer is allocated and pinned once
/// per batch size; state moves between Runs by copies inside those buffers.
/// </summary>
internal sealed class StepGraphWorkspace : SamplingWorkspace
{
    private readonly PixelCnnLayout _layout;
    private readonly InferenceSession _row;
    private readonly InferenceSession _step;
    private readonly OrtIoBinding[] _rowBindings;
    private readonly OrtIoBinding[] _stepBindings;
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
        : base(model, count, guided)
    {
        (_layout, _row, _step) = (layout, row, step);
        var (width, p, layers) = (model.Width, layout.Channels, layout.Layers);
        _conditionRow = new long[model.Condition is { } cc ? Runs * cc.Width : 0];
        _rows = new long[Runs * layout.VerticalRows[0] * width];
        _columns = new long[Runs * layout.HorizontalColumns[0]];
        _verticalIn = Enumerable.Range(0, layers).Select(l => new float[l == 0 ? 0 : Runs * p * (layout.VerticalRows[l] - 1) * width]).ToArray();
        _verticalOut = Enumerable.Range(0, layers - 1).Select(_ => new float[Runs * p * width]).ToArray();
        _horizontalIn = Enumerable.Range(0, layers).Select(l => new float[l == 0 ? 0 : Runs * p * (layout.HorizontalColumns[l] - 1)]).ToArray();
        _horizontalOut = Enumerable.Range(0, layers - 1).Select(_ => new float[Runs * p]).ToArray();
        _logits = new float[Runs * model.Levels];
        _position = new float[model.Levels];
        _unconditional = new float[guided ? model.Levels : 0];
        _scratch = new double[model.Levels];

        var label = layout.ClassConditional ? Pinned(Labels, [Runs]) : null;
        var conditionRow = model.Condition is { } m ? Pinned(_conditionRow, [Runs, 1, m.Width]) : null;
        var links = Enumerable.Range(0, layers).Select(_ => Pinned(new float[Runs * 2 * p * width], [Runs, 2 * p, 1, width])).ToArray();
        var conditionLinks = model.Condition is null ? null : Enumerable.Range(0, layers).Select(_ => Pinned(new float[Runs * 2 * p * width], [Runs, 2 * p, 1, width])).ToArray();
        var verticalIn = Enumerable.Range(0, layers).Select(l => l == 0 ? null : Pinned(_verticalIn[l], [Runs, p, layout.VerticalRows[l] - 1, width])).ToArray();
        var verticalOut = _verticalOut.Select(buffer => Pinned(buffer, [Runs, p, 1, width])).ToArray();
        var horizontalIn = Enumerable.Range(0, layers).Select(l => l == 0 ? null : Pinned(_horizontalIn[l], [Runs, p, 1, layout.HorizontalColumns[l] - 1])).ToArray();
        var horizontalOut = _horizontalOut.Select(buffer => Pinned(buffer, [Runs, p, 1, 1])).ToArray();
        var column = Pinned(_column, [1]);
        var logits = Pinned(_logits, [Runs, model.Levels]);

        // One binding per band of the first layer: rows (or columns) 0 … a for a below ⌈n₁/2⌉ − 1, then always ⌈n₁/2⌉.
        _rowBindings = Enumerable.Range(1, layout.VerticalRows[0]).Select(rows =>
        {
            var binding = _row.CreateIoBinding();
            binding.BindInput(RowsInput, Pinned(_rows, [Runs, rows, width]));
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
            binding.BindInput(ColumnsInput, Pinned(_columns, [Runs, 1, columns]));
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

    public override void Load(IReadOnlyList<long>? labels, int start, ReadOnlySpan<long> condition)
    {
        base.Load(labels, start, condition);
        foreach (var state in _verticalIn)
        {
            Array.Clear(state);   // the zero padding above row 0
        }
    }

    public override void Draw(Random[] streams, CategoricalSampling sampling, SamplerProfile? profile)
    {
        var (height, width, levels) = (Model.Height, Model.Width, Model.Levels);
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
                for (var b = 0; b < Runs; b++)
                {
                    Grid.AsSpan((((b % Count) * height) + row) * width + column - band + 1, band).CopyTo(_columns.AsSpan(b * band, band));
                }

                _column[0] = column;
                _step.RunWithBinding(RunOptions, _stepBindings[band - 1]);
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

    public override void Dispose()
    {
        foreach (var binding in _rowBindings.Concat(_stepBindings))
        {
            binding.Dispose();
        }

        base.Dispose();
    }

    // Row r's first-layer band (rows r − a … r, the current row still zeros) and condition row into the pinned inputs,
    // one Run, then each layer's new row shifted into the next layer's vertical state for row r + 1.
    private void RunRow(int row)
    {
        var (height, width) = (Model.Height, Model.Width);
        var band = Math.Min(row, _layout.VerticalRows[0] - 1) + 1;
        for (var b = 0; b < Runs; b++)
        {
            Grid.AsSpan(((b % Count) * height + row - band + 1) * width, band * width).CopyTo(_rows.AsSpan(b * band * width));
        }

        if (Model.Condition is { } c)
        {
            var source = (int)((long)row * c.Height / height);   // ⌊r·Hc/H⌋, the whole graph's nearest-neighbour row
            for (var b = 0; b < Runs; b++)
            {
                Condition.AsSpan((b * c.Size) + (source * c.Width), c.Width).CopyTo(_conditionRow.AsSpan(b * c.Width));
            }
        }

        _row.RunWithBinding(RunOptions, _rowBindings[band - 1]);
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
        var blocks = Runs * _layout.Channels;
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
}
