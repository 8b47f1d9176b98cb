using Pipeline.Models.ProGan;

namespace Pipeline.Export.Converters;

/// <summary>
/// Progressive GAN's generator, grown (last level, α = 1), with standard ONNX operators: the label embedding as Gather,
/// pixel-normalised and concatenated with the pixel-normalised z, the equalized layers and pixel norm through their own converters, nearest ×2 as Resize
/// (asymmetric, floor: PyTorch's nearest), leaky ReLU 0.2. The fade-in is a training device and is not exported.
/// </summary>
public static class ProGanConverters
{
    /// <summary>Registers the converters.</summary>
    public static void Register(ConverterRegistry registry)
    {
        registry.Register<ProGanGeneratorBlock>(ConvertBlock);
        registry.Register<ProGanGenerator>(ConvertGenerator);
    }

    // Resize ×2 → conv1 → lrelu → PN → conv2 → lrelu → PN.
    private static IReadOnlyList<string> ConvertBlock(ExportContext context, ProGanGeneratorBlock block, IReadOnlyList<string> inputs)
    {
        var graph = context.Graph;
        var x = graph.Resize(inputs[0], [1f, 1f, 2f, 2f], "nearest", "asymmetric", "floor");                 // (B, Cin, 2H, 2W)
        x = NormalisedActivation(context, block, block.Norm, context.Convert(block.Conv1, x, ExportContext.ChildName(block, block.Conv1)));
        return [NormalisedActivation(context, block, block.Norm, context.Convert(block.Conv2, x, ExportContext.ChildName(block, block.Conv2)))];
    }

    // z (B, Z), labels (B) int64 → image (B, C, S, S) of the grown network.
    private static IReadOnlyList<string> ConvertGenerator(ExportContext context, ProGanGenerator generator, IReadOnlyList<string> inputs)
    {
        var graph = context.Graph;
        var (z, labels) = (inputs[0], inputs[1]);
        var norm = ExportContext.ChildName(generator, generator.Norm);
        var input = context.Convert(generator.Norm, z, norm);                                                   // PN(z): (B, Z)
        if (generator.Embed is { } embed)
        {
            var label = context.Convert(generator.Norm, context.Convert(embed, labels, ExportContext.ChildName(generator, embed)), norm);
            input = graph.Concat([input, label], 1);                                                            // (B, 2Z)
        }

        var dense = context.Convert(generator.Dense, input, ExportContext.ChildName(generator, generator.Dense));
        var x = graph.Reshape(dense, [0, generator.Options.WidthAt(0), 4, 4]);                                   // (B, W₀, 4, 4)
        x = NormalisedActivation(context, generator, generator.Norm, x);
        x = NormalisedActivation(context, generator, generator.Norm, context.Convert(generator.Conv, x, ExportContext.ChildName(generator, generator.Conv)));
        for (var i = 0; i < generator.Blocks.Count; i++)
        {
            x = context.Convert(generator.Blocks[i], x, $"blocks.{i}");
        }

        var toRgb = generator.ToRgb[generator.Options.Levels];
        return [context.Convert(toRgb, x, $"to_rgb.{generator.Options.Levels}")];                             // (B, C, S, S)
    }

    private static string NormalisedActivation(ExportContext context, nn.Module parent, nn.Module norm, string x) =>
        context.Convert(norm, context.Graph.LeakyRelu(x, ProGanGeneratorBlock.Slope), ExportContext.ChildName(parent, norm));
}
