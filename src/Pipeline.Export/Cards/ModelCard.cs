using System.Text;
using Pipeline.Onnx.Summary;

namespace Pipeline.Export.Cards;

/// <summary>
/// The MODEL_CARD.md written beside exported ONNX files: a family's description of its model and files (see the
/// families' <c>*ModelCard</c> classes), then sections the caller adds (training history, how to use the files).
/// </summary>
public sealed class ModelCard
{
    /// <summary>The card's file name in an export folder.</summary>
    public const string FileName = "MODEL_CARD.md";

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

    /// <summary>Writes the card into <paramref name="folder"/> through a temporary file, so a reader never sees half a card.</summary>
    public string Write(string folder)
    {
        var path = Path.Combine(folder, FileName);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllText(temporary, ToString());
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return path;
    }

    public override string ToString() => _text.ToString();

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
