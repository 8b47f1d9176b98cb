using Google.Protobuf;
using Microsoft.ML.Transforms.Image;
using Pipeline.Onnx.Graph;
using Pipeline.Onnx.Proto;

namespace Pipeline.MLNet;

/// <summary>
/// The chain of ML.NET's own saveable transforms that computes what a binding computes, row by row:
/// <c>ExtractPixels</c> (image inputs, same arithmetic as <see cref="PixelCodec.Read"/>) → <c>ConvertType</c> (class
/// indices and index grids to Int64) → <c>ApplyOnnxModel</c> over a rewritten graph → <c>ConvertToImage</c> (image
/// outputs) → <c>DropColumns</c>.
/// </summary>
/// <remarks>
/// ApplyOnnxModel runs one row at a time and feeds a vector column as a tensor of the graph input's declared shape, a
/// scalar as [1, 1]; it types an output column after the declared output shape. So the rewritten graph
/// (<see cref="OnnxGraphRewriter"/>) takes each input as one flat row (a class index as [1, 1]) and reshapes it to the
/// batch of one the exported graph expects, and reshapes each output to one row without the batch: the loaded chain's
/// columns then have exactly our transformer's types. Image outputs also get the 0–255 grey levels ConvertToImage
/// needs. The binding travels in the graph's metadata, so a loaded chain can be recognised and re-accelerated.
/// </remarks>
internal static class BuiltInEquivalent
{
    public static IEstimator<ITransformer> Create(MLContext ml, GenerativeOnnxModel model, GenerativeBinding binding, Func<string, SourceColumn> kindOf, bool forSaving)
    {
        if (binding.Sampling is { } s && forSaving)
        {
            throw new NotSupportedException(
                $"The column '{s.Column}' (SampledLatentColumnName) cannot be saved: ML.NET's built-in transforms have no seeded per-row Gaussian " +
                "sampling. Save the encoder without SampledLatentColumnName (the mean and log-variance columns save and load anywhere) and set it again " +
                "after mlContext.Model.LoadGenerative, or sample z = mean + exp(logVariance / 2) · ε in your own code.");
        }

        var outputColumns = binding.Outputs.Select(o => o.Column).Concat(binding.Images.Select(i => i.Column)).ToHashSet(StringComparer.Ordinal);
        var rewriter = new OnnxGraphRewriter(model.Proto);
        var temps = new List<string>();
        // Appending to the typed chain keeps it flat: one sub-chain per transformer, which is what WithBatching expects.
        var chain = new EstimatorChain<ITransformer>();
        var onnxInputs = new List<string>();
        foreach (var input in binding.Inputs)
        {
            var tensor = model.Input(input.Onnx);
            var (kind, keyCount) = kindOf(input.Column);
            var name = input.Column;
            long[] batchOfOne = [1, .. tensor.Dims.Select(d => (long)d)];
            switch (kind)
            {
                case SourceKind.Image:
                    name = Temp(input.Column, "pixels");
                    var codec = model.RequireImage(tensor);
                    chain = chain.Append<ITransformer>(ml.Transforms.ExtractPixels(name, input.Column,
                        codec.Channels == 3 ? ImagePixelExtractingEstimator.ColorBits.Rgb : ImagePixelExtractingEstimator.ColorBits.Red,
                        Planes(codec), interleavePixelColors: false, offsetImage: codec.Offset, scaleImage: codec.Scale));
                    break;
                case SourceKind.ClassKey:
                    // ML.NET converts a key to no number type, but to its indicator vector; the graph takes its ArgMax.
                    name = Temp(input.Column, "indicator");
                    chain = chain.Append<ITransformer>(ml.Transforms.Conversion.MapKeyToVector(name, input.Column));
                    break;
                case SourceKind.Class or SourceKind.Grid:
                    name = Temp(input.Column, "index");
                    chain = chain.Append<ITransformer>(ml.Transforms.Conversion.ConvertType(name, input.Column, DataKind.Int64));
                    break;
                default:
                    if (outputColumns.Contains(input.Column))
                    {
                        // The graph cannot have an input and an output of the same name.
                        name = Temp(input.Column, "input");
                        chain = chain.Append<ITransformer>(ml.Transforms.CopyColumns(name, input.Column));
                    }

                    break;
            }

            if (name != input.Column)
            {
                temps.Add(name);
            }

            if (kind == SourceKind.Class)
            {
                rewriter.ReplaceInput(tensor.Name, name, OnnxElementType.Int64, [1, 1], (b, x) => b.Reshape(x, [1]));
            }
            else if (kind == SourceKind.ClassKey)
            {
                // Key k (1-based) lights slot k − 1 of the indicator: the class our reader gives it.
                rewriter.ReplaceInput(tensor.Name, name, OnnxElementType.Float32, [keyCount], (b, x) => b.ArgMax(b.Reshape(x, [1, keyCount]), 1, keepDims: false));
            }
            else
            {
                var type = kind == SourceKind.Grid ? OnnxElementType.Int64 : OnnxElementType.Float32;
                rewriter.ReplaceInput(tensor.Name, name, type, [tensor.Size], (b, x) => b.Reshape(x, batchOfOne));
            }

            onnxInputs.Add(name);
        }

        var onnxOutputs = new List<string>();
        foreach (var output in binding.Outputs)
        {
            var dims = model.Output(output.Onnx).Dims.Select(d => (long)d).ToArray();
            rewriter.ReplaceOutput(output.Onnx, output.Column, (b, x) => b.Reshape(x, dims));
            onnxOutputs.Add(output.Column);
        }

        var images = new List<(string Column, string Levels, PixelCodec Codec)>();
        foreach (var image in binding.Images)
        {
            var codec = model.RequireImage(model.Output(image.Onnx));
            var levels = Temp(image.Column, "levels");
            rewriter.ReplaceOutput(image.Onnx, levels, (b, x) => Levels(b, x, codec));
            onnxOutputs.Add(levels);
            temps.Add(levels);
            images.Add((image.Column, levels, codec));
        }

        var proto = rewriter.Finish();
        proto.MetadataProps.Add(new StringStringEntryProto { Key = GenerativeBinding.MetadataKey, Value = binding.ToJson() });
        chain = chain.Append<ITransformer>(ml.Transforms.ApplyOnnxModel(onnxOutputs.ToArray(), onnxInputs.ToArray(), new MemoryStream(proto.ToByteArray())));
        foreach (var (column, levels, codec) in images)
        {
            chain = chain.Append<ITransformer>(ml.Transforms.ConvertToImage(codec.Height, codec.Width, column, levels,
                ImagePixelExtractingEstimator.ColorBits.Rgb, Planes(codec), interleavedColors: false, scaleImage: 1, offsetImage: 0));
        }

        if (binding.Sampling is { } sampling)
        {
            // Only for GetOutputSchema: a column of the mean's kind and type stands for the sample.
            chain = chain.Append<ITransformer>(ml.Transforms.CopyColumns(sampling.Column, binding.Outputs.First(o => o.Onnx == sampling.Mean).Column));
        }

        if (temps.Count > 0)
        {
            chain = chain.Append<ITransformer>(ml.Transforms.DropColumns(temps.ToArray()));
        }

        return chain;
    }

    /// <summary>The exported model and the binding back from a saved chain's graph, or null when it is not one of ours.</summary>
    public static (GenerativeOnnxModel Model, GenerativeBinding Binding)? Recognise(byte[] bytes, string source)
    {
        ModelProto saved;
        try
        {
            saved = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }

        var json = saved.MetadataProps.FirstOrDefault(p => p.Key == GenerativeBinding.MetadataKey)?.Value;
        if (json is null || OnnxGraphRewriter.Undo(saved) is not { } proto)
        {
            return null;
        }

        proto.MetadataProps.Remove(proto.MetadataProps.First(p => p.Key == GenerativeBinding.MetadataKey));
        return (GenerativeOnnxModel.FromBytes(proto.ToByteArray(), source), GenerativeBinding.FromJson(json));
    }

    private static string Temp(string column, string what) => $"{column}.pipeline-{what}";

    /// <summary>
    /// levels = clip(round((x − min) · 255 / (max − min)), 0, 255) as three planes of one row: the unscaled input
    /// ConvertToImage takes (a grey image is repeated into R, G and B).
    /// </summary>
    private static string Levels(OnnxGraphBuilder b, string x, PixelCodec codec)
    {
        if (codec.Min != 0)
        {
            x = b.Sub(x, b.Constant([codec.Min]));
        }

        x = b.Clip(b.Unary("Round", b.Mul(x, b.Constant([codec.OutScale]))), 0, 255);
        if (codec.Channels == 1)
        {
            x = b.Concat([x, x, x], 1);
        }

        return b.Reshape(x, [3, codec.Height, codec.Width]);
    }

    // ML.NET names the order of the colour planes with the alpha it leaves out: ARGB is red, green, blue.
    private static ImagePixelExtractingEstimator.ColorsOrder Planes(PixelCodec codec) =>
        codec.Bgr ? ImagePixelExtractingEstimator.ColorsOrder.ABGR : ImagePixelExtractingEstimator.ColorsOrder.ARGB;
}
