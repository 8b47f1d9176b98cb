namespace Pipeline.Cli.Options;

/// <summary>--out and --resume of the training commands.</summary>
internal sealed class RunFolderOptions(string family)
{
    public Option<string?> Output { get; } = new("--out") { Description = $"run folder (default: runs/{family}-<time>)" };

    public Option<bool> Resume { get; } = new("--resume") { Description = "continue the run in --out from its last checkpoint, exactly" };

    public void AddTo(Command command)
    {
        command.Options.Add(Output);
        command.Options.Add(Resume);
    }

    /// <summary>The run folder: --out, or a new timestamped one; resuming needs --out.</summary>
    public string PathFrom(ParseResult r) => r.GetValue(Output) ?? (r.GetValue(Resume)
        ? throw new CliError("--resume needs --out RUN_FOLDER: the run to continue.")
        : Path.Combine("runs", $"{family}-{DateTime.UtcNow:yyyyMMdd-HHmmss}"));
}
