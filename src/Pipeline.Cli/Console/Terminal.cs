using Pipeline.Inference.Pictures;
using Spectre.Console;

namespace Pipeline.Cli.Console;

/// <summary>Everything the CLI prints goes through here, so commands stay free of formatting.</summary>
internal static class Terminal
{
    /// <summary>Exit code of a mistake on the command line or a verb the model does not offer.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code of a bad file or other failed input.</summary>
    public const int Failure = 1;

    public static void Info(string message) => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(message)}[/]");

    public static void Warn(string message) => AnsiConsole.MarkupLine($"[yellow]warning:[/] {Markup.Escape(message)}");

    public static void Wrote(string what, string path) => AnsiConsole.MarkupLine($"[green]wrote[/] {Markup.Escape(what)}: {Markup.Escape(path)}");

    /// <summary>Reports a picture an operation wrote.</summary>
    public static void Wrote(Picture picture) => Wrote(picture.Description, picture.Path);

    /// <summary>An evaluation's figures under its title, then where they were saved.</summary>
    public static void Wrote<T>(Pipeline.Application.EvaluationReport<T> report)
    {
        Summary(report.Title, report.Rows);
        Wrote("evaluation", report.Path);
    }

    /// <summary>Reports every picture an operation wrote.</summary>
    public static void Wrote(IEnumerable<Picture> pictures)
    {
        foreach (var picture in pictures)
        {
            Wrote(picture);
        }
    }

    /// <summary>The application layer's notes (IProgress&lt;string&gt;) as info lines, printed on the caller's thread.</summary>
    public static IProgress<string> Notes { get; } = new Reported<string>(Info);

    /// <summary>The application layer's warnings as warning lines.</summary>
    public static IProgress<string> Warnings { get; } = new Reported<string>(Warn);

    public static void Error(string message) => AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");

    public static void Heading(string title) => AnsiConsole.Write(new Rule($"[bold]{Markup.Escape(title)}[/]").LeftJustified());

    /// <summary>A two-column table of named values.</summary>
    public static void Summary(string title, IEnumerable<(string Name, string Value)> rows)
    {
        var table = new Table().Title(Markup.Escape(title)).AddColumn("what").AddColumn(new TableColumn("value").RightAligned());
        foreach (var (name, value) in rows)
        {
            table.AddRow(Markup.Escape(name), Markup.Escape(value));
        }

        AnsiConsole.Write(table);
    }

    /// <summary>A table with a heading per column.</summary>
    public static void Table(string title, IReadOnlyList<string> headings, IEnumerable<IReadOnlyList<string>> rows)
    {
        var table = new Table().Title(Markup.Escape(title));
        foreach (var heading in headings)
        {
            table.AddColumn(new TableColumn(Markup.Escape(heading)) { NoWrap = table.Columns.Count == 0 });
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }

        AnsiConsole.Write(table);
    }

    /// <summary>Runs <paramref name="action"/>; user errors and bad files print one clear line instead of a stack trace.</summary>
    public static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (CliError ex)
        {
            Error(ex.Message);
            return UsageError;
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Error(ex.Message);
            return Failure;
        }
    }
}

/// <summary>
/// A terminal callback (a progress bar's, a line printer) as the <see cref="IProgress{T}"/> the application layer reports
/// to, called on the reporting thread: <see cref="Progress{T}"/> would post each report to the thread pool, out of order
/// with the rest of the output and after the bar may be gone.
/// </summary>
internal sealed class Reported<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
