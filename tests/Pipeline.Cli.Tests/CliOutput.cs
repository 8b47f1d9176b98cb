using Spectre.Console;

namespace Pipeline.Cli.Tests;

/// <summary>Runs the CLI in-process with Spectre.Console's shared console redirected, so tests can read what a user sees.</summary>
internal static class CliOutput
{
    public static (int Code, string Text) Run(string[] args, Pipeline.Cli.Families.FamilyRegistry? registry = null)
    {
        var previous = AnsiConsole.Console;
        var previousOut = System.Console.Out;
        var writer = new StringWriter();
        System.Console.SetOut(writer);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 10_000; // one message, one line: tests search it for phrases
        AnsiConsole.Console = console;
        try
        {
            var code = CliApp.Run(args, registry);
            return (code, writer.ToString());
        }
        finally
        {
            AnsiConsole.Console = previous;
            System.Console.SetOut(previousOut);
        }
    }
}
