using Pipeline.Cli.Console;
using Pipeline.Export;
using Pipeline.Export.Cards;
using Pipeline.MLNet;

namespace Pipeline.Cli.Families;

/// <summary>
/// What every family's model card shares: the table of exported files, the export summary printed to the terminal,
/// and the section on the plain ML.NET zip written beside the ONNX files.
/// </summary>
internal static class ModelCards
{
    /// <summary>
    /// Writes the plain ML.NET zip for the folder's image model (<see cref="PlainMlNetModel.Write"/>) and the family's
    /// card with a last section on that zip; both atomically.
    /// </summary>
    public static string Write(string exportFolder, ModelCard card)
    {
        var plain = PlainMlNetModel.Write(exportFolder);
        var path = card.Paragraph(PlainMlNetSection(plain).TrimEnd()).Write(exportFolder);
        Terminal.Wrote("plain ML.NET model", plain.ZipPath);
        Terminal.Wrote("model card", path);
        return path;
    }

    /// <summary>Terminal rows for one exported file.</summary>
    public static IEnumerable<(string, string)> Describe(string role, OnnxExportReport report)
    {
        yield return (role, report.Path);
        yield return ("  parameters, bytes", $"{report.ParameterCount:N0}, {report.FileBytes:N0}");
        yield return ("  max |ONNX Runtime - TorchSharp|", ModelCard.Parity(report));
    }

    private static string PlainMlNetSection(PlainMlNetModel plain) => plain.CardSection();
}
