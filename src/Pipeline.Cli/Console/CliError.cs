namespace Pipeline.Cli.Console;

/// <summary>A user mistake found before any work starts: printed without a stack trace, exit code 2.</summary>
public sealed class CliError(string message) : Exception(message);
