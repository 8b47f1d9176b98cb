using Microsoft.ML.Transforms.Image;

namespace Pipeline.MLNet;

/// <summary>
/// The estimator behind <c>GenerateImages</c>, <c>EncodeToLatent</c> and <c>DecodeFromLatent</c>. Nothing is trained:
/// <see cref="Fit"/> checks the schema and opens the session.
/// </summary>
public sealed class GenerativeOnnxEstimator : IEstimator<GenerativeOnnxTransformer>
{
    private readonly GenerativeOnnxModel _model;
    private readonly GenerativeBinding _binding;
    private readonly OnnxRuntimeOptions _runtime;

    internal GenerativeOnnxEstimator(GenerativeOnnxModel model, GenerativeBinding binding, OnnxRuntimeOptions runtime)
    {
        runtime.Validate();
        _model = model;
        _binding = binding;
        _runtime = runtime;
    }

    /// <inheritdoc />
    public GenerativeOnnxTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new GenerativeOnnxTransformer(_model, _binding, _runtime, input.Schema);
    }

    /// <summary>
    /// Checks each input column (name, type, vector size where the shape knows it) and returns the output shape.
    /// <see cref="SchemaShape.Column"/> cannot be built outside ML.NET, so the shape comes from the built-in chain this
    /// estimator's transformer saves as: it adds exactly our columns with our types.
    /// </summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var kinds = new Dictionary<string, SourceColumn>(StringComparer.Ordinal);
        foreach (var input in _binding.Inputs)
        {
            var tensor = _model.Input(input.Onnx);
            var found = inputSchema.Where(c => c.Name == input.Column).Select(c => (SchemaShape.Column?)c).LastOrDefault();
            if (found is not { } column)
            {
                throw new ArgumentOutOfRangeException(nameof(inputSchema),
                    $"Schema mismatch for input column '{input.Column}': no such column (the model's input '{tensor.Name}' {tensor.ShapeText} of {Path.GetFileName(_model.Source)} reads it).");
            }

            // A key's count is not in a SchemaShape; the class count stands in for the shape of the graph built here.
            kinds[input.Column] = new SourceColumn(KindOf(input, tensor, column), _model.Metadata.ClassCount ?? 1);
        }

        var ml = new MLContext();
        return BuiltInEquivalent.Create(ml, _model, _binding, c => kinds[c], forSaving: false).GetOutputSchema(inputSchema);
    }

    private static SourceKind KindOf(InputBinding input, OnnxTensorInfo tensor, SchemaShape.Column column)
    {
        var scalar = column.Kind == SchemaShape.Column.VectorKind.Scalar;
        var number = column.ItemType == NumberDataViewType.Int64 || column.ItemType == NumberDataViewType.Int32 || column.ItemType == NumberDataViewType.Single;
        return input.Kind switch
        {
            InputKind.ClassIndex when scalar && column.IsKey => SourceKind.ClassKey,
            InputKind.ClassIndex when scalar && number => SourceKind.Class,
            InputKind.IndexGrid when !scalar && number => SourceKind.Grid,
            InputKind.FloatTensor when column.ItemType is ImageDataViewType => SourceKind.Image,
            InputKind.FloatTensor when !scalar && column.ItemType == NumberDataViewType.Single => SourceKind.Vector,
            _ => throw new ArgumentOutOfRangeException(nameof(column),
                $"Schema mismatch for input column '{input.Column}': expected {BoundBinding.ExpectedType(input.Kind, tensor)} for the model's input '{tensor.Name}' {tensor.ShapeText}, got {column.Kind} of {column.ItemType}."),
        };
    }
}
