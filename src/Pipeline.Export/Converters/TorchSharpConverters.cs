namespace Pipeline.Export.Converters;

/// <summary>Registers the converters for TorchSharp's own modules.</summary>
public static class TorchSharpConverters
{
    /// <summary>Adds every built-in converter to <paramref name="registry"/>.</summary>
    public static void RegisterAll(ConverterRegistry registry)
    {
        LinearConverter.Register(registry);
        ConvolutionConverters.Register(registry);
        NormalizationConverters.Register(registry);
        ActivationConverters.Register(registry);
        ShapeConverters.Register(registry);
        EmbeddingConverter.Register(registry);
        UpsampleConverter.Register(registry);
        PaddingConverters.Register(registry);
        ContainerConverters.Register(registry);
        SubPixelConverters.Register(registry);
    }
}
