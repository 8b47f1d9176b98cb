namespace Pipeline.Export.Converters;

/// <summary>
/// Sequential: each named child in order, the output of one the input of the next. ModuleList and ModuleDict have
/// no forward of their own; they are converted the same way, which is right for the common case of a container
/// whose owner calls its items in order (an owner that does anything else needs its own converter).
/// </summary>
public static class ContainerConverters
{
    /// <summary>Registers the converters.</summary>
    public static void Register(ConverterRegistry registry)
    {
        registry.Register<Sequential>(InOrder);
        registry.Register(typeof(ModuleList<>), new InOrderConverter());
        registry.Register(typeof(ModuleDict<>), new InOrderConverter());
    }

    private static IReadOnlyList<string> InOrder(ExportContext context, nn.Module container, IReadOnlyList<string> inputs)
    {
        var values = inputs;
        foreach (var (name, child) in container.named_children())
        {
            values = context.Convert(child, values, name);
        }

        return values;
    }

    private sealed class InOrderConverter : IModuleConverter
    {
        public IReadOnlyList<string> Convert(ExportContext context, nn.Module module, IReadOnlyList<string> inputs) =>
            InOrder(context, module, inputs);
    }
}
