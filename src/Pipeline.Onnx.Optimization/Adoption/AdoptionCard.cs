using System.Globalization;
using System.Text;
using Pipeline.Data;

namespace Pipeline.Onnx.Optimization.Adoption;

/// <summary>The MODEL_CARD.md of an adopted model: where it came from, what was read or assumed, and the parity check.</summary>
public static class AdoptionCard
{
    /// <summary>Writes <c>MODEL_CARD.md</c> into <paramref name="folder"/> (atomically) and returns its path.</summary>
    /// <param name="folder">The adopted model's folder.</param>
    /// <param name="source">The file that was adopted.</param>
    /// <param name="report">What adoption did.</param>
    /// <param name="sections">Further Markdown sections (e.g. the plain ML.NET app's).</param>
    public static string Write(string folder, string source, AdoptionReport report, params string[] sections)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Adopted model `{Path.GetFileName(report.Path)}`\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Adopted from `{Path.GetFileName(source)}` by `pipeline adopt`: the graph is the original's");
        md.Append(report.Rewrites.Values.Sum() > 0 ? $" with ONNX Runtime CPU rewrites ({string.Join(", ", report.Rewrites.Where(r => r.Value > 0).Select(r => $"{r.Key} ×{r.Value}"))})" : "");
        md.Append(", with the project's metadata added.\n\n## What was read and assumed\n\n");
        foreach (var note in report.Notes)
        {
            md.Append(CultureInfo.InvariantCulture, $"- {note}\n");
        }

        md.Append("\n| metadata | value |\n|---|---|\n");
        foreach (var (key, value) in report.Metadata)
        {
            md.Append(CultureInfo.InvariantCulture, $"| `{key}` | {value} |\n");
        }

        md.Append("\n## Check\n\nONNX Runtime ran the original and the adopted file on the same random inputs (batch 1 and 3):\n\n");
        foreach (var (output, difference) in report.MaxDifferences)
        {
            md.Append(CultureInfo.InvariantCulture, $"- `{output}`: max |original − adopted| = {difference:G3}\n");
        }

        foreach (var section in sections)
        {
            md.Append('\n').Append(section.TrimEnd()).Append('\n');
        }

        var path = Path.Combine(folder, "MODEL_CARD.md");
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            writer.Write(md.ToString());
        });
        return path;
    }
}
