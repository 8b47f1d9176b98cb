using System.CommandLine;

namespace Pipeline.Cli.Families.Translation;

/// <summary>
/// <see cref="Options.OptionRules"/> for options whose absence means "the data's default": the rule applies to a
/// given value, at parse time, in the same words.
/// </summary>
internal static class OptionalValueRules
{
    /// <summary>A given value must be one of <paramref name="allowed"/>.</summary>
    public static Option<int?> OneOfWhenGiven(this Option<int?> option, params int[] allowed)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } value && !allowed.Contains(value))
            {
                result.AddError($"{option.Name} must be {string.Join(" or ", allowed)}, got {value}.");
            }
        });
        return option;
    }

    /// <summary>The value must be one of <paramref name="allowed"/>; the error names the option (AcceptOnlyFromAmong's does not).</summary>
    public static Option<int> OneOf(this Option<int> option, params int[] allowed)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (!allowed.Contains(value))
            {
                result.AddError($"{option.Name} must be {string.Join(" or ", allowed)}, got {value}.");
            }
        });
        return option;
    }
}
