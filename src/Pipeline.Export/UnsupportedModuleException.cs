namespace Pipeline.Export;

/// <summary>No converter is registered for a module met during export.</summary>
public sealed class UnsupportedModuleException : NotSupportedException
{
    /// <summary>Creates the error for <paramref name="moduleType"/> found at <paramref name="path"/>.</summary>
    public UnsupportedModuleException(Type moduleType, string path, int registeredCount)
        : base($"Unsupported module type {moduleType.FullName} at path '{path}' ({registeredCount} converters registered). " +
               $"Register a converter for it with {nameof(ConverterRegistry)}.{nameof(ConverterRegistry.Register)}.")
    {
        ModuleType = moduleType;
        Path = path;
    }

    /// <summary>The module's runtime type.</summary>
    public Type ModuleType { get; }

    /// <summary>The module's dotted path from the exported root ("" for the root).</summary>
    public string Path { get; }
}
