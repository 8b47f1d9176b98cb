namespace Pipeline.Cli.Options;

/// <summary>--preset NAME over a family's named presets (names case-insensitive), and the preset the command line chose.</summary>
internal sealed class PresetOption<T>
{
    private readonly Dictionary<string, T> _presets;

    /// <param name="defaultName">the preset without --preset</param>
    /// <param name="description">the help text, which lists the names</param>
    /// <param name="presets">each name with its preset</param>
    public PresetOption(string defaultName, string description, params (string Name, T Preset)[] presets)
    {
        _presets = presets.ToDictionary(p => p.Name, p => p.Preset, StringComparer.OrdinalIgnoreCase);
        Option = OptionRules.Preset(_presets, defaultName, description);
    }

    /// <summary>The option itself.</summary>
    public Option<string> Option { get; }

    /// <summary>The preset named on the command line (or the default).</summary>
    public T Chosen(ParseResult r) => _presets[r.GetValue(Option)!];
}
