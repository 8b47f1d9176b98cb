using Pipeline.Primitives;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Pipeline.Onnx;

namespace Pipeline.Onnx.Optimization;

/// <summary>
/// Random values for every input of a model at a batch size: standard normal floats, int64 indices below
/// <see cref="OnnxOptimizationOptions.IndexLimit"/>. A symbolic first dimension is the batch; any other symbolic one
/// takes its size from <see cref="OnnxOptimizationOptions.Sizes"/> or, for our own translators' height and width,
/// from the model's metadata.
/// </summary>
internal sealed class RandomInputs
{
    private readonly (string Name, bool Indices, long?[] Dims)[] _inputs;
    private readonly int _indexLimit;

    public RandomInputs(ModelProto model, string path, OnnxOptimizationOptions options)
    {
        _indexLimit = options.IndexLimit;
        var metadata = OnnxFile.Metadata(model);
        var initializers = model.Graph.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        _inputs = model.Graph.Input.Where(v => !initializers.Contains(v.Name)).Select(v => Describe(v, path, options, metadata)).ToArray();
        Names = _inputs.Select(i => i.Name).ToArray();
    }

    public string[] Names { get; }

    /// <summary>One OrtValue per input for <paramref name="batch"/> rows; the caller disposes them.</summary>
    public OrtValue[] Create(int batch, Random random) => _inputs.Select(input =>
    {
        var shape = input.Dims.Select(d => d ?? batch).ToArray();
        var count = (int)shape.Aggregate(1L, (product, d) => product * d);
        return input.Indices
            ? OrtValue.CreateTensorValueFromMemory(Enumerable.Range(0, count).Select(_ => (long)random.Next(_indexLimit)).ToArray(), shape)
            : OrtValue.CreateTensorValueFromMemory(Enumerable.Range(0, count).Select(_ => (float)Gaussian.Next(random)).ToArray(), shape);
    }).ToArray();

    private static (string, bool, long?[]) Describe(ValueInfoProto input, string path, OnnxOptimizationOptions options, IReadOnlyDictionary<string, string> metadata)
    {
        var tensor = input.Type?.TensorType;
        var indices = tensor?.ElemType == (int)OnnxElementType.Int64;
        if (tensor is null || (!indices && tensor.ElemType != (int)OnnxElementType.Float32))
        {
            throw new InvalidDataException($"{path}: input '{input.Name}' is not a float32 or int64 tensor; random test inputs are made for those only.");
        }

        var dims = tensor.Shape?.Dim.Select((dim, i) =>
        {
            if (dim.HasDimValue)
            {
                return dim.DimValue;
            }

            if (i == 0)
            {
                return (long?)null;   // the batch
            }

            var name = dim.HasDimParam ? dim.DimParam : string.Empty;
            return options.Sizes.TryGetValue(name, out var size) ? size
                : metadata.TryGetValue(OnnxMetadataKeys.Prefix + "image." + name, out var stored) && long.TryParse(stored, NumberStyles.Integer, CultureInfo.InvariantCulture, out var fromMetadata) ? fromMetadata
                : throw new InvalidDataException($"{path}: input '{input.Name}' dimension {i} is symbolic ('{name}'); give its size (--dim {(name.Length > 0 ? name : "NAME")}=N).");
        }).ToArray() ?? throw new InvalidDataException($"{path}: input '{input.Name}' has no shape.");
        return (input.Name, indices, dims);
    }
}
