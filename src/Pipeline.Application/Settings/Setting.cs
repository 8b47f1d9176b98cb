namespace Pipeline.Application.Settings;

/// <summary>
/// One setting a front end offers (an option of the command line, a field of a form): its name, help text, default
/// and rule, declared once beside the record it fills, so every front end shows and refuses it in the same words.
/// Front ends turn settings into their own controls through <see cref="ISettingVisitor{TResult}"/>.
/// </summary>
/// <param name="Name">its name on the command line, e.g. "--batch-size"</param>
/// <param name="Description">the help text</param>
public abstract record Setting(string Name, string? Description)
{
    /// <summary>True when it has no default and must be given.</summary>
    public bool Required { get; init; }

    /// <summary>The values it accepts, when it takes one of a few words; null otherwise.</summary>
    public IReadOnlyList<string>? Choices { get; init; }

    /// <summary>Whether <see cref="Choices"/> are matched ignoring case.</summary>
    public bool ChoicesIgnoreCase { get; init; }

    /// <summary>Calls the visitor with this setting's value type.</summary>
    public abstract TResult Accept<TResult>(ISettingVisitor<TResult> visitor);
}

/// <summary>A setting whose value is a <typeparamref name="T"/>.</summary>
/// <param name="Name">its name on the command line</param>
/// <param name="Description">the help text</param>
public sealed record Setting<T>(string Name, string? Description) : Setting(Name, Description)
{
    private readonly T _default = default!;

    /// <summary>True when the setting has a default (its absence means that value).</summary>
    public bool HasDefault { get; private init; }

    /// <summary>The value when not given.</summary>
    public T Default
    {
        get => _default;
        init => (_default, HasDefault) = (value, true);
    }

    /// <summary>What refuses a bad value, e.g. <see cref="SettingRules.AtLeast{T}"/>.</summary>
    public SettingRule<T>? Rule { get; init; }

    /// <inheritdoc />
    public override TResult Accept<TResult>(ISettingVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>What a front end does with a setting of each value type (build its option, its field).</summary>
public interface ISettingVisitor<out TResult>
{
    /// <summary>The front end's control for <paramref name="setting"/>.</summary>
    TResult Visit<T>(Setting<T> setting);
}

/// <summary>The values a front end read for its settings.</summary>
public interface ISettingValues
{
    /// <summary>The value of <paramref name="setting"/> (its default when not given).</summary>
    T Get<T>(Setting<T> setting);

    /// <summary>True when the user gave <paramref name="setting"/> (not just its default).</summary>
    bool Given(Setting setting);
}
