namespace Pipeline.MLNet.Sampling;

/// <summary>
/// Draws one image per row from an exported autoregressive model (PixelCNN, or the VQ-VAE-2 chain) through ONNX
/// Runtime, from the row's seed and class: <see cref="OnnxRuntimeOptions.BatchSize"/> rows per batch when transforming
/// an <see cref="IDataView"/>, one row at a time for a <c>PredictionEngine</c>; the same seed and class give the same
/// image either way.
/// </summary>
/// <remarks>
/// Saved by <c>mlContext.Model.Save</c> as a chain of ML.NET's own transforms that holds the model files (see
/// <see cref="SamplerCarrier"/>); load it with <c>mlContext.Model.LoadGenerative</c> to sample again.
/// </remarks>
public sealed class SampleImagesTransformer : ITransformer, ICanSaveModel, IDisposable
{
    private readonly SampleBinding _binding;
    private readonly DataViewSchema _trainingSchema;

    internal SampleImagesTransformer(AutoregressiveImageSampler sampler, SampleBinding binding, OnnxRuntimeOptions runtime, DataViewSchema trainingSchema)
    {
        Sampler = sampler;
        _binding = binding;
        Runtime = runtime;
        _trainingSchema = trainingSchema;
        try
        {
            binding.Validate(sampler);
            _ = Bind(trainingSchema);
        }
        catch
        {
            sampler.Dispose();
            throw;
        }
    }

    /// <summary>"pixelcnn" or "vqvae2".</summary>
    public string Family => Sampler.Family;

    /// <summary>The export folder, file or saved model the sampler came from.</summary>
    public string ModelSource => Sampler.Source;

    /// <summary>ONNX Runtime settings in use.</summary>
    public OnnxRuntimeOptions Runtime { get; }

    /// <inheritdoc />
    public bool IsRowToRowMapper => true;

    internal AutoregressiveImageSampler Sampler { get; }

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Bind(inputSchema).OutputSchema;

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new SampleImagesDataView(this, input, Bind(input.Schema));
    }

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new SampleImagesRowMapper(this, Bind(inputSchema));

    /// <summary>Saves as ML.NET's built-in chain around a carrier graph holding the model files (see <see cref="SamplerCarrier"/>).</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx)
    {
        var chain = SamplerCarrier.Chain(new MLContext(), SamplerShape.Of(Sampler), _binding, Sampler.Files).Fit(new EmptyDataView(_trainingSchema));
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
    public void Dispose() => Sampler.Dispose();

    private BoundSample Bind(DataViewSchema schema) => new(Sampler, _binding, schema);
}

/// <summary>
/// The estimator behind <c>SampleImages</c>. Nothing is trained: <see cref="Fit"/> checks the schema and opens the
/// sessions. The model files are read and checked when the estimator is made.
/// </summary>
public sealed class SampleImagesEstimator : IEstimator<SampleImagesTransformer>
{
    private readonly IReadOnlyDictionary<string, byte[]> _files;
    private readonly SamplerShape _shape;
    private readonly SampleBinding _binding;
    private readonly OnnxRuntimeOptions _runtime;

    internal SampleImagesEstimator(SampleImagesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Runtime.Validate();
        using var sampler = AutoregressiveImageSampler.Open(options.ModelPath, options.Runtime with { Warn = _ => { } });
        _binding = SampleBinding.From(options);
        _binding.Validate(sampler);
        _files = sampler.Files;
        _shape = SamplerShape.Of(sampler);
        _runtime = options.Runtime;
    }

    /// <inheritdoc />
    public SampleImagesTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new SampleImagesTransformer(AutoregressiveImageSampler.FromFiles(_shape.Source, _files, _runtime), _binding, _runtime, input.Schema);
    }

    /// <summary>Checks the seed and label columns, then returns the shape of the built-in chain this transform saves as (it adds exactly our columns).</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        Check(inputSchema, _binding.Seed, "a seed (Int64, Int32, UInt32 or UInt64)",
            c => !c.IsKey && (c.ItemType == NumberDataViewType.Int64 || c.ItemType == NumberDataViewType.Int32 || c.ItemType == NumberDataViewType.UInt32 || c.ItemType == NumberDataViewType.UInt64));
        if (_binding.Label is { } label)
        {
            Check(inputSchema, label, $"a class index in [0, {_shape.ClassCount - 1}] (Key<UInt32>, Int32, Int64 or Single)",
                c => c.IsKey || c.ItemType == NumberDataViewType.Int32 || c.ItemType == NumberDataViewType.Int64 || c.ItemType == NumberDataViewType.Single);
        }

        return SamplerCarrier.Chain(new MLContext(), _shape, _binding, null).GetOutputSchema(inputSchema);
    }

    private static void Check(SchemaShape schema, string name, string expected, Func<SchemaShape.Column, bool> accepts)
    {
        var found = schema.Where(c => c.Name == name).Select(c => (SchemaShape.Column?)c).LastOrDefault();
        if (found is not { } column)
        {
            throw new ArgumentOutOfRangeException(nameof(schema), $"Schema mismatch for input column '{name}': expected {expected}, got no such column.");
        }

        if (column.Kind != SchemaShape.Column.VectorKind.Scalar || !accepts(column))
        {
            throw new ArgumentOutOfRangeException(nameof(schema), $"Schema mismatch for input column '{name}': expected {expected}, got {column.Kind} of {column.ItemType}.");
        }
    }
}
