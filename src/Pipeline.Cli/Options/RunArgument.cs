namespace Pipeline.Cli.Options;

/// <summary>The run folder a command reads its model from.</summary>
internal static class RunArgument
{
    public static Argument<string> Create() => new("run") { Description = "a run folder written by `train` (holds config.json and checkpoints/last.ckpt)" };

    public static Option<string?> OutputFile() => new("--out") { Description = "PNG to write (default: inside the run's images/ folder)" };
}
