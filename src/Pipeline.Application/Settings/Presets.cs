namespace Pipeline.Application.Settings;

/// <summary>--preset NAME over a family's named presets (names ignoring case), and the preset the values chose.</summary>
public sealed class Presets<T>
{
    private readonly Dictionary<string, T> _presets;

    /// <param name="defaultName">the preset without --preset</param>
    /// <param name="description">the help text, which lists the names</param>
    /// <param name="presets">each name with its preset</param>
    public Presets(string defaultName, string description, params (string Name, T Preset)[] presets)
    {
        _presets = presets.ToDictionary(p => p.Name, p => p.Preset, StringComparer.OrdinalIgnoreCase);
        Setting = new Setting<string>("--preset", description) { Default = defaultName, Choices = [.. _presets.Keys], ChoicesIgnoreCase = true };
    }

    /// <summary>The setting itself.</summary>
    public Setting<string> Setting { get; }

    /// <summary>The preset named (or the default).</summary>
    public T Chosen(ISettingValues values) => _presets[values.Get(Setting)];
}
