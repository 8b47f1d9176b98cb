using System.Net;

namespace Pipeline.Cli.Commands.Cluster;

/// <summary>Parse-time checks the cluster verbs need beyond <see cref="Pipeline.Cli.Options.OptionRules"/>.</summary>
internal static class ClusterOptionRules
{
    /// <summary>The text must not be empty or white space.</summary>
    public static Option<string> NotBlank(this Option<string> option)
    {
        option.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
            {
                result.AddError($"{option.Name} must not be empty.");
            }
        });
        return option;
    }

    /// <summary>The text, when given, must be an IP address.</summary>
    public static Option<string?> IpAddress(this Option<string?> option)
    {
        option.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string?>();
            if (text is not null && !IPAddress.TryParse(text, out _))
            {
                result.AddError($"{option.Name} must be an IP address (the one other machines reach this silo at), got '{text}'.");
            }
        });
        return option;
    }

    /// <summary>Every value must be in [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    public static Option<int[]> EachWithin(this Option<int[]> option, int minimum, int maximum)
    {
        option.Validators.Add(result =>
        {
            foreach (var value in result.GetValueOrDefault<int[]>() ?? [])
            {
                if (value < minimum || value > maximum)
                {
                    result.AddError($"{option.Name} values must be in {minimum}..{maximum}, got {value}.");
                    return;
                }
            }
        });
        return option;
    }

    /// <summary>The folder, when given, must exist.</summary>
    public static Option<string?> ExistingFolder(this Option<string?> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } path && !Directory.Exists(path))
            {
                result.AddError($"{option.Name}: folder {Path.GetFullPath(path)} does not exist.");
            }
        });
        return option;
    }
}
