using System.Text;
using Pipeline.Data;
using Pipeline.Onnx.Summary;

namespace Pipeline.Export.Cards;

/// <summary>
/// The MODEL_CARD.md written beside exported ONNX files: a family's description of its model and files (see the
/// families' <c>*ModelCard</c> classes), then sections the caller adds (training history, how to use the files).
/// A section headed <see cref="NotesHeading"/> is the maintainers' own: <see cref="Write"/> carries it over from the
/// card it replaces, so a re-export keeps what was written by hand (how a run was made, what changed since).
/// </summary>
public sealed class ModelCard
{
    /// <summary>The card's file name in an export folder.</summary>
    public const string FileName = "MODEL_CARD.md";

    /// <summary>The heading of the hand-written section a re-export keeps.</summary>
    public const string NotesHeading = "## Notes";

    private readonly StringBuilder _text = new();

    /// <summary>A heading; level 1 is the card's title.</summary>
    public ModelCard Heading(string title, int level = 2) => Block($"{new string('#', level)} {title}");

    /// <summary>A paragraph of Markdown.</summary>
    public ModelCard Paragraph(string markdown) => Block(markdown);

    /// <summary>A bullet list; nothing when <paramref name="items"/> is empty.</summary>
    public ModelCard Bullets(IEnumerable<string> items)
    {
        var list = items.ToArray();
        return list.Length == 0 ? this : Block(string.Join(Environment.NewLine, list.Select(i => $"- {i}")));
    }

    /// <summary>The table of exported files: graph inputs and outputs, parameters, cost and the parity each was verified to.</summary>
    public ModelCard Files(params OnnxExportReport[] reports)
    {
        var table = new StringBuilder();
        table.AppendLine("| file | inputs | outputs | parameters | MACs per image | max abs diff vs TorchSharp |");
        table.Append("|---|---|---|---|---|---|");
        foreach (var report in reports)
        {
            var summary = OnnxModelSummary.Read(report.Path);
            var inputs = string.Join(", ", summary.Inputs.Select(v => $"`{v.Name}` {v.ShapeText}"));
            var outputs = string.Join(", ", summary.Outputs.Select(v => $"`{v.Name}` {v.ShapeText}"));
            table.AppendLine();
            table.Append($"| `{Path.GetFileName(report.Path)}` | {inputs} | {outputs} | {report.ParameterCount:N0} | {summary.MacsPerSample:N0}{(summary.MacsImageSize is { } at ? $" at {at.Replace('x', '×')}" : "")} | {Parity(report)} |");
        }

        return Block(table.ToString());
    }

    /// <summary>"name 1.2e-6, ..." for each verified output.</summary>
    public static string Parity(OnnxExportReport report) =>
        string.Join(", ", report.MaxAbsDifference.Select(d => $"{d.Key} {d.Value:0.0e0}"));

    /// <summary>
    /// Writes the card into <paramref name="folder"/> through a temporary file, so a reader never sees half a card,
    /// with the <see cref="NotesHeading"/> section of the card already there appended.
    /// </summary>
    public string Write(string folder)
    {
        var path = Path.Combine(folder, FileName);
        var notes = File.Exists(path) ? Notes(File.ReadAllText(path)) : null;
        var text = notes is null ? ToString() : $"{ToString()}{Environment.NewLine}{notes}";
        AtomicFile.Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(text)));
        return path;
    }

    public override string ToString() => _text.ToString();

    // The notes section of a card's text: its heading line to the next level-2 heading or the end; null when absent.
    private static string? Notes(string card)
    {
        var lines = card.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var start = lines.FindIndex(l => l.TrimEnd() == NotesHeading);
        if (start < 0)
        {
            return null;
        }

        var end = lines.FindIndex(start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        var section = lines.Skip(start).Take((end < 0 ? lines.Count : end) - start);
        return string.Join(Environment.NewLine, section).TrimEnd() + Environment.NewLine;
    }

    private ModelCard Block(string text)
    {
        if (_text.Length > 0)
        {
            _text.AppendLine();
        }

        _text.AppendLine(text);
        return this;
    }
}
