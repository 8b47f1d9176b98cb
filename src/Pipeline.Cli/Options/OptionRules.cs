namespace Pipeline.Cli.Options;

/// <summary>
/// Validators attached to options, so System.CommandLine reports a bad value at parse time, before any work starts,
/// in the same words for every verb. The "WhenGiven" rules are for options whose absence means "the default".
/// </summary>
internal static class OptionRules
{
    /// <summary>The value must be at least <paramref name="minimum"/>.</summary>
    public static Option<T> AtLeast<T>(this Option<T> option, T minimum)
        where T : IComparable<T> =>
        option.Must(v => v.CompareTo(minimum) >= 0, v => $"must be at least {minimum}, got {v}.");

    /// <summary>The value, when given, must be at least <paramref name="minimum"/>.</summary>
    public static Option<T?> AtLeastWhenGiven<T>(this Option<T?> option, T minimum)
        where T : struct, IComparable<T> =>
        option.Must(v => v is not { } value || value.CompareTo(minimum) >= 0, v => $"must be at least {minimum}, got {v}.");

    /// <summary>The value must lie in [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    public static Option<T> Within<T>(this Option<T> option, T minimum, T maximum)
        where T : IComparable<T> =>
        option.Must(v => v.CompareTo(minimum) >= 0 && v.CompareTo(maximum) <= 0, v => $"must be in {minimum}..{maximum}, got {v}.");

    /// <summary>The value must be a finite number above zero.</summary>
    public static Option<double> Positive(this Option<double> option) =>
        option.Must(v => v > 0 && !double.IsInfinity(v), v => $"must be a positive number, got {v}.");

    /// <summary>The value must be one of <paramref name="allowed"/>; the error names the option (AcceptOnlyFromAmong's does not).</summary>
    public static Option<int> OneOf(this Option<int> option, params int[] allowed) =>
        option.Must(allowed.Contains, v => $"must be {string.Join(" or ", allowed)}, got {v}.");

    /// <summary>A given value must be one of <paramref name="allowed"/>.</summary>
    public static Option<int?> OneOfWhenGiven(this Option<int?> option, params int[] allowed) =>
        option.Must(v => v is not { } value || allowed.Contains(value), v => $"must be {string.Join(" or ", allowed)}, got {v}.");

    /// <summary>The option takes exactly <paramref name="count"/> values.</summary>
    public static Option<T[]> Exactly<T>(this Option<T[]> option, int count, string what) =>
        option.Must(v => (v ?? []).Length == count, v => $"takes exactly {count} {what}, got {(v ?? []).Length}.");

    /// <summary>Every value must parse with <paramref name="parse"/>, whose exception message becomes the error.</summary>
    public static Option<string[]> EachParses<T>(this Option<string[]> option, Func<string, T> parse)
    {
        option.Validators.Add(result =>
        {
            foreach (var text in result.GetValueOrDefault<string[]>() ?? [])
            {
                try
                {
                    parse(text);
                }
                catch (FormatException ex)
                {
                    result.AddError(ex.Message);
                    return;
                }
            }
        });
        return option;
    }

    /// <summary>--preset NAME over named presets: --help lists the names, and an unknown one is a parse error.</summary>
    public static Option<string> Preset<T>(IReadOnlyDictionary<string, T> presets, string defaultName, string description) =>
        new Option<string>("--preset") { Description = description, DefaultValueFactory = _ => defaultName }.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, [.. presets.Keys]);

    // One rule: the error reads "--name <refusal>", e.g. "--steps must be at least 1, got 0.". A value that does not
    // convert (--lr inf) is the parser's own error already; reading it here would throw instead of reporting it.
    private static Option<T> Must<T>(this Option<T> option, Func<T, bool> holds, Func<T, string> refusal)
    {
        option.Validators.Add(result =>
        {
            T value;
            try
            {
                value = result.GetValueOrDefault<T>()!;
            }
            catch (InvalidOperationException)
            {
                return;
            }

            if (!holds(value))
            {
                result.AddError($"{option.Name} {refusal(value)}");
            }
        });
        return option;
    }
}
