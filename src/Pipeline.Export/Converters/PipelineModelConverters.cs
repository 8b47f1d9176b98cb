namespace Pipeline.Export.Converters;

/// <summary>Registers the converters for this project's own modules (Pipeline.Models), which know nothing of ONNX.</summary>
public static class PipelineModelConverters
{
    /// <summary>Adds every project-module converter to <paramref name="registry"/>.</summary>
    public static void RegisterAll(ConverterRegistry registry)
    {
        GaussianEncoderConverter.Register(registry);
        GanConverters.Register(registry);
        EqualizedConverters.Register(registry);
        ProGanConverters.Register(registry);
        TranslationConverters.Register(registry);
        VectorQuantizerConverter.Register(registry);
        PixelCnnConverters.Register(registry);
        StyleGanConverters.Register(registry);
    }
}
