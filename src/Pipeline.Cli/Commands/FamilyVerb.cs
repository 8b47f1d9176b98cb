using Pipeline.Cli.Families;

namespace Pipeline.Cli.Commands;

/// <summary>
/// A verb on a run or exported model, built from the registry: the run argument, the runtime options, the verb's
/// common options, and the options of every family offering <typeparamref name="TCapability"/>. Its action resolves the
/// path's family, asks it for the capability (the registry refuses families without it) and refuses options that
/// belong to other families, so a flag is never silently ignored.
/// </summary>
internal sealed class FamilyVerb<TCapability>
    where TCapability : ICapability
{
    private readonly FamilyRegistry _registry;
    private readonly Argument<string> _run = new("run") { Description = "a run folder written by `train` (holds config.json and checkpoints/last.ckpt)" };
    private readonly IReadOnlyDictionary<string, Option> _familyOptions;

    public FamilyVerb(FamilyRegistry registry, string name, string description, bool writesOneFile = true)
    {
        _registry = registry;
        var offeredBy = registry.Offering<TCapability>(name).Select(o => o.Family.Kind).ToArray();
        Command = new Command(name, $"{description} Families: {(offeredBy.Length > 0 ? string.Join(", ", offeredBy) : "none registered")}.");
        Command.Arguments.Add(_run);
        Command.AddOptions(RuntimeSettings.All.ToOptions());
        if (writesOneFile)
        {
            Output = new("--out") { Description = "PNG to write (default: inside the run's images/ folder)" };
            Command.Options.Add(Output);
        }

        _familyOptions = AddFamilyOptions(registry, Command);
    }

    /// <summary>The verb's command, ready for the root.</summary>
    public Command Command { get; }

    /// <summary>--out for verbs that write one file.</summary>
    public Option<string?>? Output { get; }

    /// <summary>Adds settings every family of this verb reads.</summary>
    public FamilyVerb<TCapability> With(params IEnumerable<Setting> settings)
    {
        Command.AddOptions(settings.ToOptions());
        return this;
    }

    /// <summary>Runs <paramref name="action"/> with the capability of the path's family.</summary>
    public Command Does(Action<TCapability, VerbContext> action)
    {
        Command.SetAction(r => Terminal.Guard(() =>
        {
            var path = r.GetValue(_run)!;
            var family = _registry.Resolve(path);
            var capability = FamilyRegistry.Require<TCapability>(family, Command.Name);
            RefuseForeignOptions(r, _familyOptions, family, capability, Command.Name);
            using var ctrlC = new CtrlC();
            action(capability, new VerbContext(path, r, Output, ctrlC.Token));
            return 0;
        }));
        return Command;
    }

    /// <summary>
    /// Adds to <paramref name="command"/> the options of every family offering <typeparamref name="TCapability"/>, one per
    /// name (families may share a name if they share its type); returns them by name.
    /// </summary>
    public static IReadOnlyDictionary<string, Option> AddFamilyOptions(FamilyRegistry registry, Command command)
    {
        var options = new Dictionary<string, Option>(StringComparer.Ordinal);
        foreach (var (family, capability) in registry.Offering<TCapability>(command.Name))
        {
            foreach (var option in capability.Options)
            {
                if (options.TryGetValue(option.Name, out var existing))
                {
                    if (existing.ValueType != option.ValueType)
                    {
                        throw new InvalidOperationException($"`{command.Name} {option.Name}` of family '{family.Kind}' is {option.ValueType.Name}, another family's is {existing.ValueType.Name}.");
                    }

                    continue;
                }

                options.Add(option.Name, option);
                command.Options.Add(option);
            }
        }

        return options;
    }

    /// <summary>
    /// Refuses options typed on the command line that belong to other families than the one the verb runs, so a flag
    /// is never silently ignored.
    /// </summary>
    public static void RefuseForeignOptions(ParseResult r, IReadOnlyDictionary<string, Option> familyOptions, IModelFamily family, TCapability capability, string verb)
    {
        var own = capability.Options.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var foreign = familyOptions.Keys.Where(name => !own.Contains(name) && r.GetResult(name) is System.CommandLine.Parsing.OptionResult { Implicit: false }).ToArray();
        if (foreign.Length > 0)
        {
            var offered = own.Count > 0 ? $"its own: {string.Join(", ", own)}" : "it has no options of its own";
            throw new CliError($"{string.Join(", ", foreign)} {(foreign.Length == 1 ? "does" : "do")} not apply to `{verb}` on a {family.Kind} ({family.Description}); {offered}.");
        }
    }
}
