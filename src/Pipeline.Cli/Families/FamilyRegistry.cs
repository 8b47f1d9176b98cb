using Pipeline.Training.Runs;

namespace Pipeline.Cli.Families;

/// <summary>
/// The model families the CLI knows, registered once each (like the exporter's converter registry): duplicates are
/// refused, and a failed lookup says what is registered. Verbs resolve a path to its family here and ask it for a
/// capability; the refusal of a verb a family lacks is written only here.
/// </summary>
internal sealed class FamilyRegistry
{
    private readonly List<IModelFamily> _families = [];

    /// <summary>The families in registration order.</summary>
    public IReadOnlyList<IModelFamily> Families => _families;

    /// <summary>Adds a family; its kind and its train subcommand names must be new.</summary>
    public FamilyRegistry Register(IModelFamily family)
    {
        if (_families.Any(f => f.Kind == family.Kind))
        {
            throw new InvalidOperationException($"a family of kind '{family.Kind}' is already registered.");
        }

        var trainNames = _families.SelectMany(f => f.TrainCommands).Select(c => c.Name).ToHashSet();
        if (family.TrainCommands.FirstOrDefault(c => trainNames.Contains(c.Name)) is { } clash)
        {
            throw new InvalidOperationException($"`train {clash.Name}` of family '{family.Kind}' is already registered by another family.");
        }

        _families.Add(family);
        return this;
    }

    /// <summary>The families offering <typeparamref name="TCapability"/> (as <paramref name="verb"/>, when given), with that capability.</summary>
    public IEnumerable<(IModelFamily Family, TCapability Capability)> Offering<TCapability>(string? verb = null)
        where TCapability : ICapability =>
        _families.SelectMany(f => f.Capabilities.OfType<TCapability>().Where(c => verb is null || c.Verb == verb).Select(c => (f, c)));

    /// <summary>The family a run folder (by its config's kind) or an exported model (by recognition) belongs to.</summary>
    public IModelFamily Resolve(string path)
    {
        if (File.Exists(Path.Combine(path, RunFolder.ConfigFileName)))
        {
            var kind = RunKinds.Of(path);
            return _families.FirstOrDefault(f => f.Kind == kind)
                ?? throw new CliError($"{path} is a '{kind}' run, a kind this program does not know (known: {Kinds()}).");
        }

        return _families.FirstOrDefault(f => f.Recognises(path))
            ?? throw new CliError(Directory.Exists(path) || File.Exists(path)
                ? $"{path} is neither a run folder (no {RunFolder.ConfigFileName}) nor an exported model folder of a known family ({Kinds()})."
                : $"{path} does not exist.");
    }

    /// <summary>
    /// The capability <typeparamref name="TCapability"/> of <paramref name="family"/>, or the one refusal every verb
    /// shares: a <see cref="CliError"/> (exit code 2) naming the verbs the family does offer.
    /// </summary>
    public static TCapability Require<TCapability>(IModelFamily family, string verb)
        where TCapability : ICapability =>
        family.Capabilities.OfType<TCapability>().FirstOrDefault(c => c.Verb == verb)
            ?? throw new CliError($"`{verb}` does not apply to {family.Kind} ({family.Description}); {family.Kind} offers: {string.Join(", ", family.Capabilities.Select(c => c.Verb))}.");

    private string Kinds() => string.Join(", ", _families.Select(f => f.Kind));
}
