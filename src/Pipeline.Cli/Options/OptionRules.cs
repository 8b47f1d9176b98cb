using System.CommandLine;
using System.CommandLine.Parsing;

namespace Pipeline.Cli.Options;

/// <summary>
/// Validators attached to options, so System.CommandLine reports a bad value at parse time, before any work starts,
/// in the same words for every verb.
/// </summary>
internal static class OptionRules
{
    /// <summary>The value must be at least <paramref name="minimum"/>.</summary>
    public static Option<T> AtLeast<T>(this Option<T> option, T minimum)
        where T : IComparable<T>
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<T>();
            if (value.CompareTo(minimum) < 0)
            {
                result.AddError($"{option.Name} must be at least {minimum}, got {value}.");
            }
        });
        return option;
    }

    /// <summary>The value, when given, must be at least <paramref name="minimum"/>.</summary>
    public static Option<T?> AtLeastWhenGiven<T>(this Option<T?> option, T minimum)
        where T : struct, IComparable<T>
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<T?>() is { } value && value.CompareTo(minimum) < 0)
            {
                result.AddError($"{option.Name} must be at least {minimum}, got {value}.");
            }
        });
        return option;
    }

    /// <summary>The value must lie in [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    public static Option<T> Within<T>(this Option<T> option, T minimum, T maximum)
        where T : IComparable<T>
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<T>();
            if (value.CompareTo(minimum) < 0 || value.CompareTo(maximum) > 0)
            {
                result.AddError($"{option.Name} must be in {minimum}..{maximum}, got {value}.");
            }
        });
        return option;
    }

    /// <summary>The value must be a finite number above zero.</summary>
    public static Option<double> Positive(this Option<double> option)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<double>();
            if (!(value > 0) || double.IsInfinity(value))
            {
                result.AddError($"{option.Name} must be a positive number, got {value}.");
            }
        });
        return option;
    }

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

    /// <summary>The option takes exactly <paramref name="count"/> values.</summary>
    public static Option<T[]> Exactly<T>(this Option<T[]> option, int count, string what)
    {
        option.Validators.Add(result =>
        {
            var values = result.GetValueOrDefault<T[]>() ?? [];
            if (values.Length != count)
            {
                result.AddError($"{option.Name} takes exactly {count} {what}, got {values.Length}.");
            }
        });
        return option;
    }

    /// <summary>--preset NAME over named presets: --help lists the names, and an unknown one is a parse error.</summary>
    public static Option<string> Preset<T>(IReadOnlyDictionary<string, T> presets, string defaultName, string description)
    {
        var option = new Option<string>("--preset") { Description = description, DefaultValueFactory = _ => defaultName };
        option.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, [.. presets.Keys]);
        return option;
    }
}
