namespace Pipeline.MLNet.Sampling;

/// <summary>
/// Which sampler draws images from an export, chosen by metadata: the <c>pipeline.model_family</c> of the export's
/// autoregressive files selects one registered factory, which receives that family's priors and decoders. A new
/// autoregressive family is its sampler plus one line here; nothing reads file names to choose.
/// </summary>
internal static class AutoregressiveSamplerRegistry
{
    /// <summary>Builds a family's sampler from its files (already narrowed to the family's priors and decoders).</summary>
    public delegate AutoregressiveImageSampler Factory(ExportedModels models, OnnxRuntimeOptions runtime);

    private static readonly Dictionary<string, Factory> Factories = new(StringComparer.Ordinal);

    static AutoregressiveSamplerRegistry()
    {
        Register(PixelCnnImageSampler.FamilyName, (models, runtime) => new PixelCnnImageSampler(models, runtime));
        Register(VqVae2ImageSampler.FamilyName, (models, runtime) => new VqVae2ImageSampler(models, runtime));
    }

    /// <summary>The families that have a sampler.</summary>
    public static IReadOnlyCollection<string> Families => Factories.Keys;

    /// <summary>Adds <paramref name="family"/>'s sampler; a second registration of one family is refused.</summary>
    public static void Register(string family, Factory factory)
    {
        if (!Factories.TryAdd(family, factory))
        {
            throw new InvalidOperationException($"A sampler for model family '{family}' is registered already.");
        }
    }

    /// <summary>The sampler of the one family whose autoregressive files <paramref name="models"/> holds.</summary>
    public static AutoregressiveImageSampler Open(ExportedModels models, OnnxRuntimeOptions runtime)
    {
        var families = models.Models.Where(m => m.Metadata.Role == OnnxMetadataKeys.Roles.Autoregressive)
            .Select(m => m.Metadata.ModelFamily ?? "").Distinct().ToArray();
        if (families.Length != 1)
        {
            throw new InvalidDataException(families.Length == 0
                ? $"{models.Source}: no autoregressive model to sample: no ONNX file with {OnnxMetadataKeys.Role} '{OnnxMetadataKeys.Roles.Autoregressive}' (it holds {models.Describe()})."
                : $"{models.Source}: autoregressive files of several model families ({string.Join(", ", families)}); sample one export at a time.");
        }

        var family = families[0];
        return Factories.TryGetValue(family, out var factory)
            ? factory(models.Only(family, OnnxMetadataKeys.Roles.Autoregressive, OnnxMetadataKeys.Roles.Decoder), runtime)
            : throw new InvalidDataException(
                $"{models.Source}: no sampler for model family '{family}' ({OnnxMetadataKeys.ModelFamily}); {Factories.Count} registered: {string.Join(", ", Factories.Keys.Order(StringComparer.Ordinal))}.");
    }
}
