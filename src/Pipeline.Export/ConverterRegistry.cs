using Pipeline.Export.Converters;
using TorchSharp;

namespace Pipeline.Export;

/// <summary>
/// The pool of module converters, keyed by the module's runtime type (one converter per type, as in sklearn-onnx's
/// <c>_registration.py</c>). Lookup is by exact type, then by open generic type (<c>ModuleList&lt;&gt;</c>); base
/// types are not searched, because a subclass usually changes forward.
/// </summary>
public sealed class ConverterRegistry
{
    private readonly Dictionary<Type, IModuleConverter> _converters = new();

    /// <summary>A registry with the TorchSharp built-ins and this project's own modules.</summary>
    public static ConverterRegistry CreateDefault()
    {
        var registry = new ConverterRegistry();
        TorchSharpConverters.RegisterAll(registry);
        PipelineModelConverters.RegisterAll(registry);
        return registry;
    }

    /// <summary>Number of registered converters.</summary>
    public int Count => _converters.Count;

    /// <summary>The registered module types.</summary>
    public IReadOnlyCollection<Type> ModuleTypes => _converters.Keys;

    /// <summary>Registers <paramref name="converter"/> for <paramref name="moduleType"/>; a second converter for the same type is refused.</summary>
    /// <exception cref="InvalidOperationException">A converter for <paramref name="moduleType"/> is already registered.</exception>
    public void Register(Type moduleType, IModuleConverter converter)
    {
        ArgumentNullException.ThrowIfNull(moduleType);
        ArgumentNullException.ThrowIfNull(converter);
        if (!typeof(torch.nn.Module).IsAssignableFrom(moduleType))
        {
            throw new ArgumentException($"{moduleType.FullName} is not a TorchSharp module.", nameof(moduleType));
        }

        if (!_converters.TryAdd(moduleType, converter))
        {
            throw new InvalidOperationException($"A converter for {moduleType.FullName} is already registered ({_converters[moduleType].GetType().Name}).");
        }
    }

    /// <summary>Registers a lambda converter for <typeparamref name="TModule"/>.</summary>
    public void Register<TModule>(ModuleConverter<TModule> converter)
        where TModule : torch.nn.Module
    {
        ArgumentNullException.ThrowIfNull(converter);
        Register(typeof(TModule), new DelegateConverter<TModule>(converter));
    }

    /// <summary>Whether a converter handles <paramref name="moduleType"/>.</summary>
    public bool CanConvert(Type moduleType) => TryGet(moduleType, out _);

    /// <summary>The converter for <paramref name="moduleType"/>, if any.</summary>
    public bool TryGet(Type moduleType, out IModuleConverter converter)
    {
        if (_converters.TryGetValue(moduleType, out converter!))
        {
            return true;
        }

        return moduleType.IsConstructedGenericType && _converters.TryGetValue(moduleType.GetGenericTypeDefinition(), out converter!);
    }

    /// <summary>The converter for <paramref name="moduleType"/>, or an error naming the type and where it was met.</summary>
    /// <exception cref="UnsupportedModuleException">Nothing handles <paramref name="moduleType"/>.</exception>
    public IModuleConverter Resolve(Type moduleType, string path) =>
        TryGet(moduleType, out var converter) ? converter : throw new UnsupportedModuleException(moduleType, path, Count);

    private sealed class DelegateConverter<TModule>(ModuleConverter<TModule> convert) : IModuleConverter
        where TModule : torch.nn.Module
    {
        public IReadOnlyList<string> Convert(ExportContext context, torch.nn.Module module, IReadOnlyList<string> inputs) =>
            convert(context, (TModule)module, inputs);
    }
}
