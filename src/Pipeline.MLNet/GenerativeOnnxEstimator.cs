using Microsoft.ML;
using Microsoft.ML.Data;
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
        var kinds = new Dictionary<string, SourceKind>(StringComparer.Ordinal);
        foreach (var input in _binding.Inputs)
        {
            var tensor = _model.Input(input.Onnx);
            var found = inputSchema.Where(c => c.Name == input.Column).Select(c => (SchemaShape.Column?)c).LastOrDefault();
            if (found is not { } column)
            {
                throw new ArgumentOutOfRangeException(nameof(inputSchema),
                    $"Schema mismatch for input column '{input.Column}': no such column (the model's input '{tensor.Name}' {tensor.ShapeText} of {Path.GetFileName(_model.Source)} reads it).");
            }

            kinds[input.Column] = input.IsLabel ? SourceKind.Label
                : column.ItemType is ImageDataViewType ? SourceKind.Image
                : column.Kind != SchemaShape.Column.VectorKind.Scalar && column.ItemType == NumberDataViewType.Single ? SourceKind.Vector
                : throw new ArgumentOutOfRangeException(nameof(inputSchema),
                    $"Schema mismatch for input column '{input.Column}': expected Vector<Single, {tensor.Size}>{(tensor.IsImage ? " or an image" : string.Empty)} for the model's input '{tensor.Name}' {tensor.ShapeText}, got {column.Kind} of {column.ItemType}.");
        }

        var ml = new MLContext();
        return BuiltInEquivalent.Create(ml, _model, _binding, c => kinds[c], forSaving: false).GetOutputSchema(inputSchema);
    }
}
