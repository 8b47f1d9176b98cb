using Pipeline.Models.Translation;

namespace Pipeline.Export.Converters;

/// <summary>
/// Converters for the translators of Pipeline.Models.Translation: residual blocks as Add, the U-Net's skips as
/// Concat on channels (dropout in eval mode is Identity, so the exported U-Net is deterministic), and the
/// super-resolution generator's long skip.
/// </summary>
public static class TranslationConverters
{
    /// <summary>Registers the converters.</summary>
    public static void Register(ConverterRegistry registry)
    {
        registry.Register<ResidualBlock>((context, block, inputs) => [context.Graph.Add(inputs[0], context.Convert(block.Body, inputs[0], "body"))]);
        registry.Register<ResnetGenerator>((context, generator, inputs) => [context.Convert(generator.Model, inputs[0], "model")]);
        registry.Register<UNetGenerator>(ConvertUNet);
        registry.Register<SuperResolutionGenerator>(ConvertSuperResolution);
    }

    private static IReadOnlyList<string> ConvertUNet(ExportContext context, UNetGenerator unet, IReadOnlyList<string> inputs)
    {
        var skips = new List<string>();
        var x = inputs[0];
        for (var i = 0; i < unet.Downs.Count; i++)
        {
            x = context.Convert(unet.Downs[i], x, $"downs.{i}");
            skips.Add(x);
        }

        for (var i = unet.Ups.Count - 1; i >= 0; i--)
        {
            var input = i == unet.Ups.Count - 1 ? x : context.Graph.Concat([x, skips[i]], 1);
            x = context.Convert(unet.Ups[i], input, $"ups.{i}");
        }

        return [x];
    }

    private static IReadOnlyList<string> ConvertSuperResolution(ExportContext context, SuperResolutionGenerator generator, IReadOnlyList<string> inputs)
    {
        var features = context.Convert(generator.Head, inputs[0], "head");
        var body = context.Convert(generator.BodyOut, context.Convert(generator.Body, features, "body"), "bodyOut");
        var trunk = context.Graph.Add(body, features);
        return [context.Convert(generator.Tail, context.Convert(generator.Upsample, trunk, "upsample"), "tail")];
    }
}
