namespace Pipeline.Cli.Families;

/// <summary>Options of <c>sample</c> that several generating families share, with the same meaning.</summary>
internal static class SampleOptions
{
    /// <summary>--labels: class labels to generate, cycled.</summary>
    public static Option<int[]> Labels() => new("--labels") { Description = "class-conditional models: class labels to generate, cycled (default: every class in turn, one grid row per class)", AllowMultipleArgumentsPerToken = true };

    /// <summary>--format png|idx|both.</summary>
    public static Option<string> Format()
    {
        var option = new Option<string>("--format") { Description = "png (a grid), idx (images and their requested labels as IDX files, for outside tools) or both", DefaultValueFactory = _ => "png" };
        option.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, "png", "idx", "both");
        return option;
    }

    public static bool WritesPng(string format) => !format.Equals("idx", StringComparison.OrdinalIgnoreCase);

    public static bool WritesIdx(string format) => !format.Equals("png", StringComparison.OrdinalIgnoreCase);
}
