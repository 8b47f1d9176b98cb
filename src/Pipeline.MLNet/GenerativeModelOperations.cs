using System.IO.Compression;
using Microsoft.ML.Transforms.Onnx;
using Pipeline.MLNet;
using Pipeline.MLNet.Sampling;

namespace Microsoft.ML;

/// <summary>Loading saved pipelines with our transformers batched again.</summary>
public static class GenerativeModelOperations
{
    /// <summary>
    /// <c>mlContext.Model.Load</c>, then <see cref="WithBatching"/>: the ApplyOnnxModel chains our transformers saved
    /// as become batched <see cref="GenerativeOnnxTransformer"/>s again; everything else is left as loaded.
    /// </summary>
    /// <param name="catalog">The model catalog.</param>
    /// <param name="filePath">A zip written by <c>mlContext.Model.Save</c>.</param>
    /// <param name="inputSchema">The saved input schema.</param>
    /// <param name="runtime">ONNX Runtime settings (they are not saved: batch size, threads, GPU).</param>
    public static ITransformer LoadGenerative(this ModelOperationsCatalog catalog, string filePath, out DataViewSchema inputSchema, OnnxRuntimeOptions? runtime = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var loaded = catalog.Load(filePath, out inputSchema);
        return loaded.WithBatching(inputSchema, runtime);
    }

    /// <summary>
    /// Replaces each sub-chain that one of our transformers was saved as (recognised by the binding in its ONNX
    /// model's metadata) with the batched transformer, checking that the output schema is unchanged.
    /// </summary>
    /// <param name="transformer">A loaded transformer or chain.</param>
    /// <param name="inputSchema">Its input schema.</param>
    /// <param name="runtime">ONNX Runtime settings.</param>
    public static ITransformer WithBatching(this ITransformer transformer, DataViewSchema inputSchema, OnnxRuntimeOptions? runtime = null)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        ArgumentNullException.ThrowIfNull(inputSchema);
        runtime ??= OnnxRuntimeOptions.Default;
        if (transformer is not IEnumerable<ITransformer> chain)
        {
            return transformer;
        }

        var parts = chain.ToArray();
        if (TryRecogniseSampler(parts, inputSchema, runtime) is { } sampler)
        {
            return sampler;
        }

        if (TryRecognise(parts, inputSchema, runtime) is { } ours)
        {
            var expected = transformer.GetOutputSchema(inputSchema);
            var actual = ours.GetOutputSchema(inputSchema);
            if (SameColumns(expected, actual))
            {
                return ours;
            }

            ours.Dispose();
            return transformer;
        }

        var schema = inputSchema;
        var rebuilt = new List<ITransformer>();
        var changed = false;
        foreach (var part in parts)
        {
            var replaced = part.WithBatching(schema, runtime);
            changed |= !ReferenceEquals(replaced, part);
            rebuilt.Add(replaced);
            schema = part.GetOutputSchema(schema);
        }

        return changed ? new TransformerChain<ITransformer>(rebuilt.ToArray()) : transformer;
    }

    private static GenerativeOnnxTransformer? TryRecognise(ITransformer[] parts, DataViewSchema inputSchema, OnnxRuntimeOptions runtime)
    {
        var onnx = parts.OfType<OnnxTransformer>().ToArray();
        if (onnx.Length != 1 || parts.Any(p => p is IEnumerable<ITransformer>))
        {
            return null;
        }

        var recognised = BuiltInEquivalent.Recognise(OnnxBytes(onnx[0]), "saved model");
        return recognised is { } r ? new GenerativeOnnxTransformer(r.Model, r.Binding, runtime, inputSchema) : null;
    }

    /// <summary>A saved <c>SampleImages</c> chain (its carrier graph holds the model files) back as the sampler.</summary>
    private static SampleImagesTransformer? TryRecogniseSampler(ITransformer[] parts, DataViewSchema inputSchema, OnnxRuntimeOptions runtime)
    {
        var onnx = parts.OfType<OnnxTransformer>().ToArray();
        if (onnx.Length != 1 || parts.Any(p => p is IEnumerable<ITransformer>) || SamplerCarrier.Recognise(OnnxBytes(onnx[0])) is not { } carrier)
        {
            return null;
        }

        var sampler = AutoregressiveImageSampler.FromFiles(carrier.Source, carrier.Files, runtime);
        return new SampleImagesTransformer(sampler, carrier.Binding, runtime, inputSchema);
    }

    /// <summary>
    /// The ONNX bytes inside a (loaded) ApplyOnnxModel transformer. ML.NET keeps them private, so they are read the
    /// public way: save the transformer to memory and take the "OnnxModel" entry (a 4-byte length, then the bytes).
    /// </summary>
    private static byte[] OnnxBytes(OnnxTransformer transformer)
    {
        using var stream = new MemoryStream();
        new MLContext().Model.Save(transformer, null, stream);
        stream.Position = 0;
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        var entry = zip.Entries.FirstOrDefault(e => e.Name == "OnnxModel")
            ?? throw new InvalidDataException("An ApplyOnnxModel transformer saved without its ONNX model.");
        using var reader = new BinaryReader(entry.Open());
        var length = reader.ReadInt32();
        return reader.ReadBytes(length);
    }

    private static bool SameColumns(DataViewSchema a, DataViewSchema b) =>
        a.Count(c => !c.IsHidden) == b.Count(c => !c.IsHidden)
        && a.Where(c => !c.IsHidden).Zip(b.Where(c => !c.IsHidden)).All(p => p.First.Name == p.Second.Name && p.First.Type.Equals(p.Second.Type));
}
