using Microsoft.ML.Transforms.Image;

namespace Pipeline.MLNet;

/// <summary>The column a graph input is read from: what our reader and the saved chain must do with it.</summary>
internal enum SourceKind
{
    /// <summary>Vector&lt;Single&gt; into a float tensor.</summary>
    Vector,

    /// <summary>MLImage into a float image tensor.</summary>
    Image,

    /// <summary>Int32, Int64 or Single class index.</summary>
    Class,

    /// <summary>Key&lt;UInt32&gt; class (1-based, 0 missing).</summary>
    ClassKey,

    /// <summary>Vector of Int64, Int32 or Single indices into an int64 grid.</summary>
    Grid,
}

/// <summary>What the saved chain needs to know about an input column: its kind and, for a key, how many values it has.</summary>
internal readonly record struct SourceColumn(SourceKind Kind, int KeyCount = 0);

/// <summary>A graph input resolved against an input schema.</summary>
internal sealed record BoundInput(InputBinding Binding, int ColumnIndex, SourceKind Kind, DataViewType Type, OnnxTensorInfo Tensor, PixelCodec? Codec, int ClassCount);

internal enum OutputKind
{
    Vector,
    Image,
    Sample,

    /// <summary>An int64 output (a code grid) as Vector&lt;Int64&gt;.</summary>
    IndexGrid,
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
            var index = tensor.ElementType == Onnx.Proto.TensorProto.Types.DataType.Int64;
            outputs.Add(new BoundOutput(o.Column, VectorType(tensor), index ? OutputKind.IndexGrid : OutputKind.Vector, RunIndex(o.Onnx), tensor.Size));
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

    /// <summary>
    /// One row of a graph output, without the batch: the saved chain's graph squeezes the batch away, so ApplyOnnxModel
    /// gives the same type (Int64 items for an int64 output such as a code grid, Single otherwise).
    /// </summary>
    public static VectorDataViewType VectorType(OnnxTensorInfo tensor) => new(
        tensor.ElementType == Onnx.Proto.TensorProto.Types.DataType.Int64 ? NumberDataViewType.Int64 : NumberDataViewType.Single, tensor.Dims);

    private static BoundInput BindInput(GenerativeOnnxModel model, InputBinding b, DataViewSchema schema)
    {
        var tensor = model.Input(b.Onnx);
        var column = schema.GetColumnOrNull(b.Column)
            ?? throw SchemaError(b.Column, Expected(model, b, tensor), "no such column", $" Columns: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name))}.");
        var type = column.Type;
        if (b.Kind == InputKind.ClassIndex)
        {
            var classes = model.Metadata.ClassCount ?? 0;
            if (type is KeyDataViewType { RawType: var raw } && raw == typeof(uint))
            {
                return new BoundInput(b, column.Index, SourceKind.ClassKey, type, tensor, null, classes);
            }

            if (type == NumberDataViewType.Int32 || type == NumberDataViewType.Int64 || type == NumberDataViewType.Single)
            {
                return new BoundInput(b, column.Index, SourceKind.Class, type, tensor, null, classes);
            }

            throw SchemaError(b.Column, Expected(model, b, tensor), type.ToString()!);
        }

        if (b.Kind == InputKind.IndexGrid)
        {
            if (type is VectorDataViewType { ItemType: var item } grid && (grid.Size == tensor.Size || grid.Size == 0)
                && (item == NumberDataViewType.Int64 || item == NumberDataViewType.Int32 || item == NumberDataViewType.Single))
            {
                return new BoundInput(b, column.Index, SourceKind.Grid, type, tensor, null, 0);
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

    private static string Expected(GenerativeOnnxModel model, InputBinding b, OnnxTensorInfo tensor) =>
        $"{ExpectedType(b.Kind, tensor)} for input '{tensor.Name}' {tensor.ShapeText} of {Path.GetFileName(model.Source)}";

    /// <summary>The column types a graph input of this kind accepts, for schema errors.</summary>
    public static string ExpectedType(InputKind kind, OnnxTensorInfo tensor) => kind switch
    {
        InputKind.ClassIndex => "a class index (Key<UInt32>, Int32, Int64 or Single)",
        InputKind.IndexGrid => $"Vector<Int64, {tensor.Size}> (or Int32, Single) of indices",
        _ => tensor.IsImage ? $"Vector<Single, {tensor.Size}> or an image {tensor.Dims[2]}x{tensor.Dims[1]}" : $"Vector<Single, {tensor.Size}>",
    };

    private static ArgumentOutOfRangeException SchemaError(string column, string expected, string actual, string more = "") =>
        new("inputSchema", $"Schema mismatch for input column '{column}': expected {expected}, got {actual}.{more}");
}
