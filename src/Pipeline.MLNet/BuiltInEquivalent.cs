using Google.Protobuf;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using Pipeline.Onnx.Graph;
using Pipeline.Onnx.Proto;

namespace Pipeline.MLNet;

/// <summary>
/// The chain of ML.NET's own saveable transforms that computes what a binding computes, row by row:
/// <c>ExtractPixels</c> (image inputs, same arithmetic as <see cref="PixelCodec.Read"/>) → <c>ConvertType</c> (labels)
/// → <c>ApplyOnnxModel</c> over a rewritten graph → <c>ConvertToImage</c> (image outputs) → <c>DropColumns</c>.
/// The rewritten graph names its inputs and outputs after the columns (ApplyOnnxModel binds by name), adds the
/// 0–255 grey levels ConvertToImage needs (Sub, Mul, Round, Clip, and Concat to three planes for grey images), and
/// carries the binding in its metadata so that a loaded chain can be recognised and re-accelerated.
/// </summary>
internal static class BuiltInEquivalent
{
    public const string RenamesKey = GenerativeBinding.MetadataKey + ".renames";

    private const string NodePrefix = "pipeline_mlnet_";

    public static IEstimator<ITransformer> Create(MLContext ml, GenerativeOnnxModel model, GenerativeBinding binding, Func<string, SourceKind> kindOf, bool forSaving)
    {
        if (binding.Sampling is { } s && forSaving)
        {
            throw new NotSupportedException(
                $"A transformer with a sampled latent column ('{s.Column}') cannot be saved through ML.NET's built-in transforms yet; save it without SampledLatentColumnName and sample after loading.");
        }

        var outputColumns = binding.Outputs.Select(o => o.Column).Concat(binding.Images.Select(i => i.Column)).ToHashSet(StringComparer.Ordinal);
        var proto = model.Proto.Clone();
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        var temps = new List<string>();
        // Appending to the typed chain keeps it flat: one sub-chain per transformer, which is what Recognise expects.
        var chain = new EstimatorChain<ITransformer>();
        var onnxInputs = new List<string>();
        foreach (var input in binding.Inputs)
        {
            var kind = kindOf(input.Column);
            var name = input.Column;
            if (kind == SourceKind.Image)
            {
                name = Temp(input.Column, "pixels");
                var codec = model.RequireImage(model.Input(input.Onnx));
                chain = chain.Append<ITransformer>(ml.Transforms.ExtractPixels(name, input.Column,
                    codec.Channels == 3 ? ImagePixelExtractingEstimator.ColorBits.Rgb : ImagePixelExtractingEstimator.ColorBits.Red,
                    ImagePixelExtractingEstimator.ColorsOrder.ARGB, interleavePixelColors: false, offsetImage: codec.Offset, scaleImage: codec.Scale));
                temps.Add(name);
            }
            else if (kind == SourceKind.Label)
            {
                name = Temp(input.Column, "class");
                chain = chain.Append<ITransformer>(ml.Transforms.Conversion.ConvertType(name, input.Column, DataKind.Int64));
                temps.Add(name);
            }
            else if (outputColumns.Contains(input.Column))
            {
                // The graph cannot have an input and an output of the same name.
                name = Temp(input.Column, "input");
                chain = chain.Append<ITransformer>(ml.Transforms.CopyColumns(name, input.Column));
                temps.Add(name);
            }

            Rename(proto.Graph, input.Onnx, name, renames);
            onnxInputs.Add(name);
        }

        var onnxOutputs = new List<string>();
        foreach (var output in binding.Outputs)
        {
            Rename(proto.Graph, output.Onnx, output.Column, renames);
            onnxOutputs.Add(output.Column);
        }

        var images = new List<(string Column, string Levels, PixelCodec Codec)>();
        foreach (var image in binding.Images)
        {
            var codec = model.RequireImage(model.Output(image.Onnx));
            var source = renames.GetValueOrDefault(image.Onnx, image.Onnx);
            var levels = Temp(image.Column, "levels");
            AddLevels(proto.Graph, source, levels, codec);
            onnxOutputs.Add(levels);
            temps.Add(levels);
            images.Add((image.Column, levels, codec));
        }

        proto.MetadataProps.Add(new StringStringEntryProto { Key = GenerativeBinding.MetadataKey, Value = binding.ToJson() });
        proto.MetadataProps.Add(new StringStringEntryProto { Key = RenamesKey, Value = System.Text.Json.JsonSerializer.Serialize(renames) });
        var bytes = proto.ToByteArray();
        chain = chain.Append<ITransformer>(ml.Transforms.ApplyOnnxModel(onnxOutputs.ToArray(), onnxInputs.ToArray(), new MemoryStream(bytes)));
        foreach (var (column, levels, codec) in images)
        {
            chain = chain.Append<ITransformer>(ml.Transforms.ConvertToImage(codec.Height, codec.Width, column, levels,
                ImagePixelExtractingEstimator.ColorBits.Rgb, ImagePixelExtractingEstimator.ColorsOrder.ARGB, interleavedColors: false, scaleImage: 1, offsetImage: 0));
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

    /// <summary>Undoes <see cref="Create"/>'s rewrite: the model as exported (our nodes removed, names restored), plus the binding.</summary>
    public static (GenerativeOnnxModel Model, GenerativeBinding Binding)? Recognise(byte[] bytes, string source)
    {
        var model = GenerativeOnnxModel.FromBytes(bytes, source);
        if (!model.Properties.TryGetValue(GenerativeBinding.MetadataKey, out var json) || !model.Properties.TryGetValue(RenamesKey, out var renamesJson))
        {
            return null;
        }

        var binding = GenerativeBinding.FromJson(json);
        var renames = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(renamesJson)!;
        var proto = model.Proto.Clone();
        var graph = proto.Graph;
        var ours = graph.Node.Where(n => n.Name.StartsWith(NodePrefix, StringComparison.Ordinal)).ToArray();
        var produced = ours.SelectMany(n => n.Output).ToHashSet(StringComparer.Ordinal);
        foreach (var node in ours)
        {
            graph.Node.Remove(node);
        }

        foreach (var output in graph.Output.Where(o => produced.Contains(o.Name)).ToArray())
        {
            graph.Output.Remove(output);
        }

        foreach (var constant in graph.Initializer.Where(i => i.Name.StartsWith(NodePrefix, StringComparison.Ordinal)).ToArray())
        {
            graph.Initializer.Remove(constant);
        }

        foreach (var value in graph.ValueInfo.Where(v => produced.Contains(v.Name)).ToArray())
        {
            graph.ValueInfo.Remove(value);
        }

        var back = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (original, renamed) in renames)
        {
            Rename(graph, renamed, original, back);
        }

        foreach (var key in new[] { GenerativeBinding.MetadataKey, RenamesKey })
        {
            proto.MetadataProps.Remove(proto.MetadataProps.First(p => p.Key == key));
        }

        return (GenerativeOnnxModel.FromBytes(proto.ToByteArray(), source), binding);
    }

    private static string Temp(string column, string what) => $"{column}.pipeline-{what}";

    /// <summary>Renames a value everywhere (inputs, outputs, node edges, value_info); records original → new.</summary>
    private static void Rename(GraphProto graph, string from, string to, Dictionary<string, string> renames)
    {
        if (from == to)
        {
            return;
        }

        renames[from] = to;
        foreach (var value in graph.Input.Concat(graph.Output).Concat(graph.ValueInfo).Where(v => v.Name == from))
        {
            value.Name = to;
        }

        foreach (var node in graph.Node)
        {
            for (var i = 0; i < node.Input.Count; i++)
            {
                if (node.Input[i] == from)
                {
                    node.Input[i] = to;
                }
            }

            for (var i = 0; i < node.Output.Count; i++)
            {
                if (node.Output[i] == from)
                {
                    node.Output[i] = to;
                }
            }
        }
    }

    /// <summary>levels = clip(round((x − min) · 255 / (max − min)), 0, 255), three planes: the input ConvertToImage takes unscaled.</summary>
    private static void AddLevels(GraphProto graph, string source, string levels, PixelCodec codec)
    {
        var n = 0;
        string Node(string op, IEnumerable<string> inputs, params AttributeProto[] attributes)
        {
            var name = $"{NodePrefix}{levels}_{op}_{n++}";
            var node = new NodeProto { OpType = op, Name = name };
            node.Input.AddRange(inputs);
            node.Output.Add(name + "_out");
            node.Attribute.AddRange(attributes);
            graph.Node.Add(node);
            return name + "_out";
        }

        string Constant(float value)
        {
            var name = $"{NodePrefix}{levels}_const_{n++}";
            graph.Initializer.Add(OnnxTensors.Float(name, [value], []));
            return name;
        }

        var x = source;
        if (codec.Min != 0)
        {
            x = Node("Sub", [x, Constant(codec.Min)]);
        }

        x = Node("Mul", [x, Constant(codec.OutScale)]);
        x = Node("Round", [x]);
        x = Node("Clip", [x, Constant(0), Constant(255)]);
        if (codec.Channels == 1)
        {
            x = Node("Concat", [x, x, x], OnnxAttribute.Int("axis", 1));
        }

        var last = graph.Node[^1];
        last.Output[0] = levels;
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        foreach (var d in new long[] { 3, codec.Height, codec.Width })
        {
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        }

        graph.Output.Add(new ValueInfoProto
        {
            Name = levels,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        });
    }
}
