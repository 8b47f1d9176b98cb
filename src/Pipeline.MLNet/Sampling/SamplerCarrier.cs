using System.Text.Json;
using Google.Protobuf;
using Microsoft.ML.Transforms.Image;
using Pipeline.Onnx.Graph;
using Pipeline.Onnx.Proto;

namespace Pipeline.MLNet.Sampling;

/// <summary>What the estimator and a saved model know of a sampler without a session: source, classes, image shape.</summary>
internal sealed record SamplerShape(string Source, int? ClassCount, int Channels, int Height, int Width)
{
    public static SamplerShape Of(AutoregressiveImageSampler s) => new(s.Source, s.ClassCount, s.ImageShape.Channels, s.ImageShape.Height, s.ImageShape.Width);
}

/// <summary>
/// How a <c>SampleImages</c> transform is saved. ML.NET cannot load a third-party transformer, and its built-in
/// transforms cannot loop over grid positions, so the transform saves as a chain of built-in transforms around a
/// carrier graph (ConvertType of the seed → ApplyOnnxModel → ConvertToImage → DropColumns) that has exactly our output
/// columns and types and carries the model files and the binding in its metadata; the ONNX bytes thus live in the zip.
/// <c>mlContext.Model.LoadGenerative</c> (or <c>WithBatching</c>) recognises the carrier and puts the sampler back.
/// Run without that, the carrier fails on its first row with an error whose node name says what to do, rather than
/// giving blank images.
/// </summary>
internal static class SamplerCarrier
{
    public const string BindingKey = OnnxMetadataKeys.Prefix + "mlnet.sampler";
    public const string FilesKey = OnnxMetadataKeys.Prefix + "mlnet.sampler_files";
    public const string ShapeKey = OnnxMetadataKeys.Prefix + "mlnet.sampler_shape";

    public static IEstimator<ITransformer> Chain(MLContext ml, SamplerShape shape, SampleBinding binding, IReadOnlyDictionary<string, byte[]>? files)
    {
        var seed = $"{binding.Seed}.pipeline-seed";
        var levels = binding.Image is null ? null : $"{binding.Image}.pipeline-levels";
        var graph = Graph(shape, binding, seed, levels);
        graph.MetadataProps.Add(new StringStringEntryProto { Key = BindingKey, Value = binding.ToJson() });
        graph.MetadataProps.Add(new StringStringEntryProto { Key = ShapeKey, Value = JsonSerializer.Serialize(shape) });
        if (files is not null)
        {
            graph.MetadataProps.Add(new StringStringEntryProto { Key = FilesKey, Value = JsonSerializer.Serialize(files.ToDictionary(f => f.Key, f => Convert.ToBase64String(f.Value))) });
        }

        var outputs = levels is null ? new[] { binding.Output } : [binding.Output, levels];
        var chain = new EstimatorChain<ITransformer>()
            .Append<ITransformer>(ml.Transforms.Conversion.ConvertType(seed, binding.Seed, DataKind.Int64))
            .Append<ITransformer>(ml.Transforms.ApplyOnnxModel(outputs, [seed], new MemoryStream(graph.ToByteArray())));
        if (levels is not null)
        {
            chain = chain.Append<ITransformer>(ml.Transforms.ConvertToImage(shape.Height, shape.Width, binding.Image!, levels,
                ImagePixelExtractingEstimator.ColorBits.Rgb, ImagePixelExtractingEstimator.ColorsOrder.ARGB, interleavedColors: false, scaleImage: 1, offsetImage: 0));
        }

        return chain.Append<ITransformer>(ml.Transforms.DropColumns(levels is null ? [seed] : [seed, levels]));
    }

    /// <summary>The sampler's files, binding and shape back from a saved carrier's ONNX bytes; null when the bytes are not a carrier.</summary>
    public static (IReadOnlyDictionary<string, byte[]> Files, SampleBinding Binding, SamplerShape Shape, string Source)? Recognise(byte[] bytes)
    {
        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }

        string? Value(string key) => proto.MetadataProps.FirstOrDefault(p => p.Key == key)?.Value;
        if (Value(BindingKey) is not { } binding || Value(FilesKey) is not { } files || Value(ShapeKey) is not { } shape)
        {
            return null;
        }

        var decoded = JsonSerializer.Deserialize<Dictionary<string, string>>(files)!.ToDictionary(f => f.Key, f => Convert.FromBase64String(f.Value), StringComparer.Ordinal);
        var samplerShape = JsonSerializer.Deserialize<SamplerShape>(shape)!;
        return (decoded, SampleBinding.FromJson(binding), samplerShape, $"saved model ({samplerShape.Source})");
    }

    // seed [1, 1] int64 → a Reshape of one NaN to the image's shape, which fails at run time (the shape depends on the
    // seed input, so nothing folds it away) while the declared outputs give the columns their types.
    private static ModelProto Graph(SamplerShape shape, SampleBinding binding, string seed, string? levels)
    {
        var b = new OnnxGraphBuilder();
        var input = b.AddInput(seed, OnnxElementType.Int64, [1, 1]);
        var zero = b.Mul(b.Reshape(input, [1]), b.Constant(0L));
        var nan = b.Constant([float.NaN], 1);
        string Failing(long channels)
        {
            var target = b.Add(zero, b.Constant(channels, shape.Height, shape.Width));
            var output = b.AddNode("Reshape", [nan, target], 1)[0];
            b.SetFacts(output, OnnxElementType.Float32, [channels, shape.Height, shape.Width]);
            return output;
        }

        b.Scope = "load_with_mlContext.Model.LoadGenerative_to_sample";
        b.AddOutput(Failing(shape.Channels), binding.Output);
        if (levels is not null)
        {
            b.AddOutput(Failing(3), levels);
        }

        return b.BuildModel("sample_images_carrier");
    }
}
