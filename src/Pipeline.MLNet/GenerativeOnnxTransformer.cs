using Microsoft.ML.OnnxRuntime;

namespace Pipeline.MLNet;

/// <summary>
/// Runs one of our exported ONNX models over an <see cref="IDataView"/> in batches of
/// <see cref="OnnxRuntimeOptions.BatchSize"/> rows (one <c>InferenceSession.Run</c> per batch, pre-allocated buffers,
/// row order kept), and row by row for a <c>PredictionEngine</c>. One session per transformer, shared by every cursor
/// and thread.
/// </summary>
/// <remarks>
/// ML.NET cannot load a third-party transformer, so <see cref="ICanSaveModel.Save"/> writes the equivalent chain of
/// ML.NET's own transforms (see <c>BuiltInEquivalent</c>): <c>mlContext.Model.Load</c> then gives a chain that works
/// anywhere ML.NET does, row by row; <c>mlContext.Model.LoadGenerative</c> (or <c>WithBatching</c>) swaps this
/// transformer back in.
/// </remarks>
public sealed class GenerativeOnnxTransformer : ITransformer, ICanSaveModel, IDisposable
{
    private readonly GenerativeOnnxModel _model;
    private readonly GenerativeBinding _binding;
    private readonly DataViewSchema _trainingSchema;
    private readonly (InferenceSession Session, string Provider) _session;
    private readonly BatchRunnerPool _runners;
    private BoundBinding? _lastBound;

    internal GenerativeOnnxTransformer(GenerativeOnnxModel model, GenerativeBinding binding, OnnxRuntimeOptions runtime, DataViewSchema trainingSchema)
    {
        runtime.Validate();
        _model = model;
        _binding = binding;
        Runtime = runtime;
        _trainingSchema = trainingSchema;
        _ = Bind(trainingSchema);
        _session = OnnxSessions.Create(model, runtime with { IntraOpSpinning = runtime.IntraOpSpinning ?? false });
        _runners = new BatchRunnerPool(_session.Session, runtime.BatchSize);
    }

    /// <summary>The ONNX file (or the saved model) this transformer runs.</summary>
    public string ModelSource => _model.Source;

    /// <summary>The model's role from its metadata (decoder, encoder, generator, translator).</summary>
    public string Role => _binding.Role;

    /// <summary>"CPU" or "CUDA:N": where the session runs after any fallback.</summary>
    public string ExecutionProvider => _session.Provider;

    /// <summary>ONNX Runtime settings in use.</summary>
    public OnnxRuntimeOptions Runtime { get; }

    /// <inheritdoc />
    public bool IsRowToRowMapper => true;

    internal InferenceSession Session => _session.Session;

    /// <summary>The batch runners of this transformer's cursors.</summary>
    internal BatchRunnerPool Runners => _runners;

    internal GenerativeBinding Binding => _binding;

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Bind(inputSchema).OutputSchema;

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        // An application transforms the same kind of view over and over: bind each schema once.
        var bound = _lastBound is { } last && ReferenceEquals(last.InputSchema, input.Schema) ? last : _lastBound = Bind(input.Schema);
        return new GenerativeDataView(this, input, bound);
    }

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new GenerativeRowMapper(this, Bind(inputSchema));

    /// <summary>Saves as the equivalent chain of ML.NET's built-in transforms (the ONNX bytes go into the zip).</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx)
    {
        var ml = new MLContext();
        var estimator = BuiltInEquivalent.Create(ml, _model, _binding, KindsOf(_trainingSchema), forSaving: true);
        var chain = estimator.Fit(new EmptyDataView(_trainingSchema));
        try
        {
            ((ICanSaveModel)chain).Save(ctx);
        }
        finally
        {
            (chain as IDisposable)?.Dispose();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _runners.Dispose();
        _session.Session.Dispose();
    }

    internal BoundBinding Bind(DataViewSchema schema) => new(_model, _binding, schema);

    internal Func<string, SourceColumn> KindsOf(DataViewSchema schema)
    {
        var bound = Bind(schema);
        return column => bound.Inputs.First(i => i.Binding.Column == column) is var input && input.Type is KeyDataViewType key
            ? new SourceColumn(input.Kind, checked((int)key.Count))
            : new SourceColumn(input.Kind);
    }
}

/// <summary>An empty data view of a given schema: what the built-in equivalents are fitted on (they learn nothing).</summary>
internal sealed class EmptyDataView : IDataView
{
    public EmptyDataView(DataViewSchema schema) => Schema = schema;

    public bool CanShuffle => true;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => 0;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(Schema);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(Schema)];

    private sealed class Cursor(DataViewSchema schema) : DataViewRowCursor
    {
        public override long Position => -1;

        public override long Batch => 0;

        public override DataViewSchema Schema => schema;

        public override bool MoveNext() => false;

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => throw new InvalidOperationException("Empty data view.");

        public override bool IsColumnActive(DataViewSchema.Column column) => false;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => (ref TValue value) => throw new InvalidOperationException("Empty data view.");
    }
}
