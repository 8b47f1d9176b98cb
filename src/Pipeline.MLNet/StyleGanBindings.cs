using System.Globalization;
using Google.Protobuf;
using Pipeline.Onnx.Graph;
using Pipeline.Onnx.Proto;
using Names = Pipeline.Onnx.StyleGanExportFolder;

namespace Pipeline.MLNet;

/// <summary>
/// The StyleGAN2 files as the generic transformer runs them. <c>MapToStyle</c> binds mapping.onnx as exported, with ψ
/// written into the default of its truncation input when asked. <c>MixStyles</c> binds synthesis.onnx behind a few
/// nodes that build ws [batch, L, W] from two w inputs, so the batched runner, the saved built-in chain and its
/// re-acceleration all see an ordinary graph of two float inputs and one image output.
/// </summary>
internal static class StyleGanBindings
{
    /// <summary>The mixed graph's inputs: the w of the layers below the crossover, and of the rest.</summary>
    public const string FirstStyle = "w_first", SecondStyle = "w_second";

    // Prefix of the nodes and values put in front of the synthesis graph: never one of the exporter's names.
    private const string MixScope = "pipeline_mix";

    public static (GenerativeOnnxModel Model, GenerativeBinding Binding) ForMapping(GenerativeOnnxModel file, MapToStyleOptions o)
    {
        file.RequireRole(Names.MappingRole);
        var model = o.Truncation is { } psi ? WithTruncation(file, psi) : file;
        var z = model.Input(Names.Latent);
        if (GenerativeBinding.KindOf(z) != InputKind.FloatTensor || z.Dims.Length != 1)
        {
            throw new InvalidDataException($"{model.Source}: input '{z.Name}' should be a float latent [batch, Z]; found {z.ShapeText}.");
        }

        List<InputBinding> inputs = [new(z.Name, o.InputColumnName ?? o.OutputColumnName)];
        var label = model.Inputs.FirstOrDefault(i => i.Name == Names.Label);
        if (label is not null && o.LabelColumnName is null)
        {
            throw new ArgumentException($"{model.Source} is class-conditional (input '{label.Name}', {model.Metadata.ClassCount?.ToString(CultureInfo.InvariantCulture) ?? "?"} classes): set LabelColumnName.", nameof(o));
        }

        if (label is null && o.LabelColumnName is not null)
        {
            throw new ArgumentException($"{model.Source} is unconditional (no '{Names.Label}' input), but LabelColumnName is '{o.LabelColumnName}'.", nameof(o));
        }

        if (label is not null)
        {
            _ = model.Metadata.ClassCount ?? throw model.MissingMetadata(OnnxMetadataKeys.ClassCount, "the number of classes");
            inputs.Add(new InputBinding(label.Name, o.LabelColumnName!, InputKind.ClassIndex));
        }

        _ = model.Output(Names.Style);
        return (model, new GenerativeBinding(Names.MappingRole, inputs, [new(Names.Style, o.OutputColumnName)], []));
    }

    public static (GenerativeOnnxModel Model, GenerativeBinding Binding) ForMixing(GenerativeOnnxModel file, MixStylesOptions o)
    {
        file.RequireRole(Names.SynthesisRole);
        var ws = file.Input(Names.Styles);
        if (ws.Dims is not [var layers, var size] || GenerativeBinding.KindOf(ws) != InputKind.FloatTensor)
        {
            throw new InvalidDataException($"{file.Source}: input '{ws.Name}' should be float styles [batch, L, W]; found {ws.ShapeText}.");
        }

        if (o.Crossover < 0 || o.Crossover > layers)
        {
            throw new ArgumentOutOfRangeException(nameof(o), o.Crossover, $"MixStyles option Crossover must be 0 to {layers} (the style count of {Path.GetFileName(file.Source)}), got {o.Crossover}.");
        }

        var model = GenerativeOnnxModel.FromBytes(Mixed(file.Proto, layers, size, o.Crossover).ToByteArray(), file.Source);
        var image = model.Output(Names.Image);
        model.RequireImage(image);
        IReadOnlyList<OutputBinding> images = o.ImageColumnName is null ? [] : [new(image.Name, o.ImageColumnName)];
        return (model, new GenerativeBinding(Names.SynthesisRole,
            [new(FirstStyle, o.FirstStyleColumnName), new(SecondStyle, o.SecondStyleColumnName)], [new(image.Name, o.OutputColumnName)], images));
    }

    // The file with its truncation input's default set to ψ (and the metadata saying so).
    private static GenerativeOnnxModel WithTruncation(GenerativeOnnxModel file, double psi)
    {
        if (!double.IsFinite(psi))
        {
            throw new ArgumentOutOfRangeException(nameof(psi), psi, "MapToStyle option Truncation must be a finite number (1 for none).");
        }

        var proto = file.Proto.Clone();
        var initializer = proto.Graph.Initializer.FirstOrDefault(i => i.Name == Names.Truncation)
            ?? throw new InvalidDataException($"{file.Source}: no default for input '{Names.Truncation}' to set ψ in; export it again with `pipeline export`.");
        initializer.FloatData.Clear();
        initializer.RawData = ByteString.CopyFrom(BitConverter.GetBytes((float)psi));
        var key = proto.MetadataProps.FirstOrDefault(p => p.Key == Names.TruncationKey);
        if (key is null)
        {
            proto.MetadataProps.Add(key = new StringStringEntryProto { Key = Names.TruncationKey });
        }

        key.Value = psi.ToString("R", CultureInfo.InvariantCulture);
        return GenerativeOnnxModel.FromBytes(proto.ToByteArray(), file.Source);
    }

    // ws = [w_first × crossover, w_second × (L − crossover)] along a new layer axis, in front of the synthesis graph.
    private static ModelProto Mixed(ModelProto synthesis, int layers, int size, int crossover)
    {
        var opset = (int)synthesis.OpsetImport.First(o => o.Domain.Length == 0).Version;
        var builder = new OnnxGraphBuilder(opset) { Scope = MixScope };
        var first = builder.Reshape(builder.AddInput(FirstStyle, OnnxElementType.Float32, [OnnxGraphBuilder.DynamicBatch, size]), [0, 1, size]);   // (B, 1, W)
        var second = builder.Reshape(builder.AddInput(SecondStyle, OnnxElementType.Float32, [OnnxGraphBuilder.DynamicBatch, size]), [0, 1, size]);
        builder.AddOutput(builder.Concat([.. Enumerable.Repeat(first, crossover), .. Enumerable.Repeat(second, layers - crossover)], 1), Names.Styles); // (B, L, W)
        var prefix = builder.Build("mix");

        var proto = synthesis.Clone();
        var graph = proto.Graph;
        var ws = graph.Input.Single(i => i.Name == Names.Styles);
        graph.Input.Remove(ws);
        graph.Input.Add(prefix.Input);
        graph.ValueInfo.Add(ws);
        graph.ValueInfo.Add(prefix.ValueInfo);
        var nodes = graph.Node.ToArray();
        graph.Node.Clear();
        graph.Node.Add(prefix.Node);
        graph.Node.Add(nodes);
        return proto;
    }
}
