using Pipeline.Application.Settings;

namespace Pipeline.Cli.Options;

/// <summary>
/// The one binder between the application layer's settings and System.CommandLine: a setting becomes an option with
/// its name, help text, default, choices and rule, refused at parse time as "--name refusal"; values are read back by
/// name through <see cref="Families.VerbContext"/>.
/// </summary>
internal static class SettingOptions
{
    /// <summary>The option for <paramref name="setting"/>.</summary>
    public static Option ToOption(this Setting setting) => setting.Accept(Builder.Instance);

    /// <summary>The option for <paramref name="setting"/>, typed, for commands that read it as an option.</summary>
    public static Option<T> ToOption<T>(this Setting<T> setting) => (Option<T>)setting.Accept(Builder.Instance);

    /// <summary>Adds <paramref name="options"/> to <paramref name="command"/>, in their order.</summary>
    public static void AddOptions(this Command command, params IEnumerable<Option> options)
    {
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The options for <paramref name="settings"/>, in their order.</summary>
    public static IEnumerable<Option> ToOptions(this IEnumerable<Setting> settings) => settings.Select(ToOption);

    private sealed class Builder : ISettingVisitor<Option>
    {
        public static readonly Builder Instance = new();

        public Option Visit<T>(Setting<T> setting)
        {
            var option = new Option<T>(setting.Name) { Description = setting.Description, Required = setting.Required, AllowMultipleArgumentsPerToken = typeof(T).IsArray };
            if (setting.HasDefault)
            {
                var value = setting.Default;
                option.DefaultValueFactory = _ => value;
            }

            if (setting.Choices is { } choices)
            {
                _ = setting.ChoicesIgnoreCase ? option.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, [.. choices]) : option.AcceptOnlyFromAmong([.. choices]);
            }

            if (setting.Rule is { } rule)
            {
                option.Validators.Add(result =>
                {
                    // A value that does not convert (--lr inf) is the parser's own error already; reading it would throw.
                    T value;
                    try
                    {
                        value = result.GetValueOrDefault<T>()!;
                    }
                    catch (InvalidOperationException)
                    {
                        return;
                    }

                    if (rule(option.Name, value) is { } refusal)
                    {
                        result.AddError(refusal);
                    }
                });
            }

            return option;
        }
    }
}

/// <summary>The values of a parsed command line, read by name: the command holds one option per name.</summary>
internal sealed class ParsedSettings(ParseResult parse) : ISettingValues
{
    public T Get<T>(Setting<T> setting) => parse.GetValue<T>(setting.Name)!;

    public bool Given(Setting setting) => parse.GetResult(setting.Name) is System.CommandLine.Parsing.OptionResult { Implicit: false };
}
