using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace Pipeline.MLNet;

internal enum SourceKind
{
    Vector,
    Image,
    Label,
}

/// <summary>A graph input resolved against an input schema.</summary>
internal sealed record BoundInput(InputBinding Binding, int ColumnIndex, SourceKind Kind, DataViewType Type, OnnxTensorInfo Tensor, PixelCodec? Codec, int ClassCount);

internal enum OutputKind
{
    Vector,
    Image,
    Sample,
}

/// <summary>A new column: which run output (index into the runner's outputs) it reads and how.</summary>
internal sealed record BoundOutput(string Column, DataViewType Type, OutputKind Kind, int RunOutput, int Size, PixelCodec? Codec = null, int LogVarianceOutput = -1, int Seed = 0);

/// <summary>
/// A binding checked against one input schema: where each graph input comes from, the output schema (the input's
/// columns, then ours in the order the saved built-in chain adds them), and which graph outputs a run must fetch.
/// </summary>
internal sealed class BoundBinding
{
    public BoundBinding(GenerativeOnnxModel model, GenerativeBinding binding, DataViewSchema input)
    {
        Model = model;
        Binding = binding;
        InputSchema = input;
        Inputs = binding.Inputs.Select(b => BindInput(model, b, input)).ToArray();

        var runOutputs = new List<OnnxTensorInfo>();
        int RunIndex(string onnx)
        {
            var index = runOutputs.FindIndex(t => t.Name == onnx);
            if (index < 0)
            {
                runOutputs.Add(model.Output(onnx));
                index = runOutputs.Count - 1;
            }

            return index;
        }

        var outputs = new List<BoundOutput>();
        foreach (var o in binding.Outputs)
        {
            var tensor = model.Output(o.Onnx);
            outputs.Add(new BoundOutput(o.Column, VectorType(tensor), OutputKind.Vector, RunIndex(o.Onnx), tensor.Size));
        }

        foreach (var o in binding.Images)
        {
            var tensor = model.Output(o.Onnx);
            var codec = model.RequireImage(tensor);
            outputs.Add(new BoundOutput(o.Column, new ImageDataViewType(codec.Height, codec.Width), OutputKind.Image, RunIndex(o.Onnx), tensor.Size, codec));
        }

        if (binding.Sampling is { } s)
        {
            var tensor = model.Output(s.Mean);
            outputs.Add(new BoundOutput(s.Column, VectorType(tensor), OutputKind.Sample, RunIndex(s.Mean), tensor.Size, LogVarianceOutput: RunIndex(s.LogVariance), Seed: s.Seed));
        }

        Outputs = outputs;
        RunOutputs = runOutputs;
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        foreach (var o in outputs)
        {
            builder.AddColumn(o.Column, o.Type);
        }

        OutputSchema = builder.ToSchema();
    }

    public GenerativeOnnxModel Model { get; }

    public GenerativeBinding Binding { get; }

    public DataViewSchema InputSchema { get; }

    public DataViewSchema OutputSchema { get; }

    public IReadOnlyList<BoundInput> Inputs { get; }

    public IReadOnlyList<BoundOutput> Outputs { get; }

    public IReadOnlyList<OnnxTensorInfo> RunOutputs { get; }

    /// <summary>The type ML.NET's ApplyOnnxModel gives the same output (the batch dimension kept as 1), so the saved chain's schema is ours.</summary>
    public static VectorDataViewType VectorType(OnnxTensorInfo tensor) => new(NumberDataViewType.Single, (int[])[1, .. tensor.Dims]);

    private static BoundInput BindInput(GenerativeOnnxModel model, InputBinding b, DataViewSchema schema)
    {
        var tensor = model.Input(b.Onnx);
        var column = schema.GetColumnOrNull(b.Column)
            ?? throw SchemaError(b.Column, Expected(model, b, tensor), "no such column", $" Columns: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name))}.");
        var type = column.Type;
        if (b.IsLabel)
        {
            var classes = model.Metadata.ClassCount ?? 0;
            if (type is KeyDataViewType { RawType: var raw } && raw == typeof(uint)
                || type == NumberDataViewType.Int32 || type == NumberDataViewType.Int64 || type == NumberDataViewType.Single)
            {
                return new BoundInput(b, column.Index, SourceKind.Label, type, tensor, null, classes);
            }

            throw SchemaError(b.Column, Expected(model, b, tensor), type.ToString()!);
        }

        if (type is ImageDataViewType image)
        {
            if (!tensor.IsImage)
            {
                throw SchemaError(b.Column, Expected(model, b, tensor), type.ToString()!);
            }

            var codec = model.RequireImage(tensor);
            if (image.Height != 0 && (image.Height != codec.Height || image.Width != codec.Width))
            {
                throw SchemaError(b.Column, Expected(model, b, tensor), $"{type} (images of {image.Width}x{image.Height}; add ResizeImages to {codec.Width}x{codec.Height})");
            }

            return new BoundInput(b, column.Index, SourceKind.Image, type, tensor, codec, 0);
        }

        if (type is VectorDataViewType vector && vector.ItemType == NumberDataViewType.Single && (vector.Size == tensor.Size || vector.Size == 0))
        {
            return new BoundInput(b, column.Index, SourceKind.Vector, type, tensor, null, 0);
        }

        throw SchemaError(b.Column, Expected(model, b, tensor), type.ToString()!);
    }

    private static string Expected(GenerativeOnnxModel model, InputBinding b, OnnxTensorInfo tensor) => b.IsLabel
        ? $"a class index (Key<UInt32>, Int32, Int64 or Single) for input '{tensor.Name}' of {Path.GetFileName(model.Source)}"
        : tensor.IsImage
            ? $"Vector<Single, {tensor.Size}> or an image {tensor.Dims[2]}x{tensor.Dims[1]} for input '{tensor.Name}' {tensor.ShapeText} of {Path.GetFileName(model.Source)}"
            : $"Vector<Single, {tensor.Size}> for input '{tensor.Name}' {tensor.ShapeText} of {Path.GetFileName(model.Source)}";

    private static ArgumentOutOfRangeException SchemaError(string column, string expected, string actual, string more = "") =>
        new("inputSchema", $"Schema mismatch for input column '{column}': expected {expected}, got {actual}.{more}");
}
