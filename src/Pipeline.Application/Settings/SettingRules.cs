namespace Pipeline.Application.Settings;

/// <summary>The refusal of a bad <paramref name="value"/> of the setting <paramref name="name"/>, or null when it is fine.</summary>
public delegate string? SettingRule<in T>(string name, T value);

/// <summary>
/// The rules settings carry, each refusing in one wording for every front end ("--steps must be at least 1, got 0.").
/// Rules on an optional value apply only when it is given.
/// </summary>
public static class SettingRules
{
    /// <summary>At least <paramref name="minimum"/>.</summary>
    public static SettingRule<T> AtLeast<T>(T minimum)
        where T : IComparable<T> =>
        (name, v) => v.CompareTo(minimum) >= 0 ? null : $"{name} must be at least {minimum}, got {v}.";

    /// <summary>In [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    public static SettingRule<T> Within<T>(T minimum, T maximum)
        where T : IComparable<T> =>
        (name, v) => v.CompareTo(minimum) >= 0 && v.CompareTo(maximum) <= 0 ? null : $"{name} must be in {minimum}..{maximum}, got {v}.";

    /// <summary>A finite number above zero.</summary>
    public static SettingRule<double> Positive { get; } = (name, v) => v > 0 && !double.IsInfinity(v) ? null : $"{name} must be a positive number, got {v}.";

    /// <summary>One of <paramref name="allowed"/>.</summary>
    public static SettingRule<int> OneOf(params int[] allowed) =>
        (name, v) => allowed.Contains(v) ? null : $"{name} must be {string.Join(" or ", allowed)}, got {v}.";

    /// <summary>Exactly <paramref name="count"/> values.</summary>
    public static SettingRule<T[]> Exactly<T>(int count, string what) =>
        (name, v) => (v ?? []).Length == count ? null : $"{name} takes exactly {count} {what}, got {(v ?? []).Length}.";

    /// <summary>Every text parses with <paramref name="parse"/>, whose <see cref="FormatException"/> message is the refusal.</summary>
    public static SettingRule<string[]> EachParses<T>(Func<string, T> parse) => (_, texts) =>
    {
        try
        {
            foreach (var text in texts ?? [])
            {
                parse(text);
            }

            return null;
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
    };

    /// <summary><paramref name="rule"/> on a value that may be absent: absence is always fine.</summary>
    public static SettingRule<T?> WhenGiven<T>(SettingRule<T> rule)
        where T : struct =>
        (name, v) => v is { } value ? rule(name, value) : null;

    /// <summary>Text that is not empty or white space.</summary>
    public static SettingRule<string> NotBlank { get; } = (name, v) => string.IsNullOrWhiteSpace(v) ? $"{name} must not be empty." : null;

    /// <summary>An IP address, when given (the one other machines reach a silo at).</summary>
    public static SettingRule<string?> IpAddress { get; } = (name, v) =>
        v is null || System.Net.IPAddress.TryParse(v, out _) ? null : $"{name} must be an IP address (the one other machines reach this silo at), got '{v}'.";

    /// <summary>A folder that exists, when given.</summary>
    public static SettingRule<string?> ExistingFolder { get; } = (name, v) => v is null || Directory.Exists(v) ? null : $"{name}: folder {Path.GetFullPath(v)} does not exist.";

    /// <summary>Every value in [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    public static SettingRule<int[]> EachWithin(int minimum, int maximum) => (name, values) =>
        (values ?? []).Where(v => v < minimum || v > maximum).Select(v => $"{name} values must be in {minimum}..{maximum}, got {v}.").FirstOrDefault();
}
