namespace Pipeline.Export.Converters;

/// <summary>Embedding lookup as Gather over the weight rows; indices must be int64 (declare the input so).</summary>
public static class EmbeddingConverter
{
    /// <summary>Registers the converter.</summary>
    public static void Register(ConverterRegistry registry) => registry.Register<Embedding>(Convert);

    private static IReadOnlyList<string> Convert(ExportContext context, Embedding embedding, IReadOnlyList<string> inputs)
    {
        if (context.Graph.TypeOf(inputs[0]) != OnnxElementType.Int64)
        {
            throw new NotSupportedException($"Embedding at '{context.Path}' needs int64 indices; declare its input with {nameof(OnnxElementType)}.{nameof(OnnxElementType.Int64)}.");
        }

        var weight = context.Parameter("weight", embedding.weight!); // [num_embeddings, dim]
        return new[] { context.Graph.Gather(weight, inputs[0], axis: 0) };
    }
}
