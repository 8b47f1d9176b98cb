namespace Pipeline.MLNet.Sampling;

/// <summary>
/// The output of <see cref="SampleImagesTransformer.Transform"/>: the input's columns plus the sampled images, drawn
/// lazily <see cref="OnnxRuntimeOptions.BatchSize"/> rows at a time from the seeds and labels a look-ahead cursor
/// reads (<see cref="LookAheadDataView"/>).
/// </summary>
internal sealed class SampleImagesDataView : LookAheadDataView
{
    private readonly SampleImagesTransformer _parent;
    private readonly BoundSample _bound;

    public SampleImagesDataView(SampleImagesTransformer parent, IDataView input, BoundSample bound)
        : base(input, bound.OutputSchema)
    {
        _parent = parent;
        _bound = bound;
    }

    protected override IEnumerable<DataViewSchema.Column> Sources => _bound.Sources;

    protected override DataViewRowCursor CreateCursor(DataViewRowCursor? main, DataViewRowCursor? ahead, HashSet<int> needed) =>
        new Cursor(this, main, ahead, needed);

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly SampleImagesDataView _view;
        private readonly DataViewRowCursor? _main;
        private readonly DataViewRowCursor? _ahead;
        private readonly HashSet<int> _active;
        private readonly Func<long>? _seed;
        private readonly Func<long>? _label;
        private readonly List<long> _seeds = [];
        private readonly List<long> _labels = [];
        private float[] _images = [];
        private long _batchStart;
        private long _position = -1;
        private bool _disposed;

        public Cursor(SampleImagesDataView view, DataViewRowCursor? main, DataViewRowCursor? ahead, HashSet<int> active)
        {
            _view = view;
            _main = main;
            _ahead = ahead;
            _active = active;
            if (ahead is not null)
            {
                _seed = view._bound.SeedGetter(ahead);
                _label = view._bound.LabelGetter(ahead, view._parent.Sampler);
            }
        }

        public override long Position => _position;

        public override long Batch => 0;

        public override DataViewSchema Schema => _view.Schema;

        public override bool MoveNext()
        {
            if (_main is not null && !_main.MoveNext())
            {
                return false;
            }

            _position++;
            if (_ahead is not null && _position >= _batchStart + _seeds.Count)
            {
                NextBatch();
                if (_seeds.Count == 0)
                {
                    return _main is not null ? throw new InvalidOperationException("The input gave fewer rows to the look-ahead cursor than to the main one.") : false;
                }
            }

            return true;
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => _active.Contains(column.Index);

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var inputCount = _view._bound.InputSchema.Count;
            if (column.Index < inputCount)
            {
                return (_main ?? throw new InvalidOperationException($"Column '{column.Name}' was not asked for when the cursor was made.")).GetGetter<TValue>(_view.Input.Schema[column.Index]);
            }

            var image = _view._parent.Sampler.Image;
            return SampleGetters.Create<TValue>(column.Index - inputCount, image, () => _images.AsMemory(checked((int)(_position - _batchStart) * image.Size), image.Size));
        }

        protected override void Dispose(bool disposing)
        {
            if (!_disposed && disposing)
            {
                _main?.Dispose();
                _ahead?.Dispose();
            }

            _disposed = true;
            base.Dispose(disposing);
        }

        private void NextBatch()
        {
            _batchStart = _position;
            _seeds.Clear();
            _labels.Clear();
            var batch = _view._parent.Runtime.BatchSize;
            while (_seeds.Count < batch && _ahead!.MoveNext())
            {
                _seeds.Add(_seed!());
                _labels.Add(_label!());
            }

            _images = _seeds.Count == 0 ? [] : _view._parent.Sampler.Sample(_seeds, _labels, _view._bound.Binding.Sampling);
        }
    }
}

/// <summary>Getters of our columns: 0 is the image vector, 1 the <c>MLImage</c>.</summary>
internal static class SampleGetters
{
    public static ValueGetter<TValue> Create<TValue>(int ours, PixelCodec codec, Func<ReadOnlyMemory<float>> current)
    {
        Delegate getter = ours == 0
            ? (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
            {
                var image = current().Span;
                var editor = VBufferEditor.Create(ref value, image.Length);
                image.CopyTo(editor.Values);
                value = editor.Commit();
            })
            : (ValueGetter<MLImage>)((ref MLImage value) => value = codec.Write(current().Span));
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Sampled column {ours} is {(ours == 0 ? "VBuffer<Single>" : nameof(MLImage))}, not {typeof(TValue).Name}.");
    }
}

/// <summary>Row by row (a <c>PredictionEngine</c>): each row sampled alone, which gives the batched image for the same seed and class.</summary>
internal sealed class SampleImagesRowMapper : IRowToRowMapper
{
    private readonly SampleImagesTransformer _parent;
    private readonly BoundSample _bound;

    public SampleImagesRowMapper(SampleImagesTransformer parent, BoundSample bound)
    {
        _parent = parent;
        _bound = bound;
    }

    public DataViewSchema InputSchema => _bound.InputSchema;

    public DataViewSchema OutputSchema => _bound.OutputSchema;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns) =>
        AppendedColumns.Dependencies(dependingColumns, InputSchema, _bound.Sources.Select(c => c.Index));

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns) =>
        new Row(this, input, activeColumns.Select(c => c.Index).ToHashSet());

    private sealed class Row : DataViewRow
    {
        private readonly SampleImagesRowMapper _mapper;
        private readonly DataViewRow _input;
        private readonly HashSet<int> _active;
        private readonly Func<long>? _seed;
        private readonly Func<long>? _label;
        private float[] _image = [];
        private long _computed = -1;

        public Row(SampleImagesRowMapper mapper, DataViewRow input, HashSet<int> active)
        {
            _mapper = mapper;
            _input = input;
            _active = active;
            if (active.Any(i => i >= mapper.InputSchema.Count))
            {
                _seed = mapper._bound.SeedGetter(input);
                _label = mapper._bound.LabelGetter(input, mapper._parent.Sampler);
            }
        }

        public override long Position => _input.Position;

        public override long Batch => _input.Batch;

        public override DataViewSchema Schema => _mapper.OutputSchema;

        public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => _active.Contains(column.Index);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var inputCount = _mapper.InputSchema.Count;
            if (column.Index < inputCount)
            {
                return _input.GetGetter<TValue>(_input.Schema[column.Index]);
            }

            return SampleGetters.Create<TValue>(column.Index - inputCount, _mapper._parent.Sampler.Image, Current);
        }

        private ReadOnlyMemory<float> Current()
        {
            if (_computed != _input.Position || _image.Length == 0)
            {
                _image = _mapper._parent.Sampler.Sample([_seed!()], [_label!()], _mapper._bound.Binding.Sampling);
                _computed = _input.Position;
            }

            return _image;
        }
    }
}
