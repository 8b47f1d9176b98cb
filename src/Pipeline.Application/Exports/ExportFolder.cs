using Pipeline.Export;
using Pipeline.Export.Cards;
using Pipeline.MLNet;

namespace Pipeline.Application.Exports;

/// <summary>What every family's export folder shares: the plain ML.NET zip beside the ONNX files and a model card ending with a section on it.</summary>
public static class ExportFolder
{
    /// <summary>
    /// Writes the plain ML.NET zip for the folder's image model (<see cref="PlainMlNetModel.Write"/>) and
    /// <paramref name="card"/> with a last section on that zip, both atomically; returns the report of the export.
    /// </summary>
    public static ExportReport Complete(string folder, string runId, IReadOnlyList<(string Role, OnnxExportReport File)> files, ModelCard card)
    {
        var (zip, path) = WriteCard(folder, card);
        return new ExportReport(runId, files, zip, path);
    }

    /// <summary>The zip and the card of <see cref="Complete"/>; returns their paths.</summary>
    public static (string PlainMlNetZip, string ModelCard) WriteCard(string folder, ModelCard card)
    {
        var plain = PlainMlNetModel.Write(folder);
        return (plain.ZipPath, card.Paragraph(plain.CardSection().TrimEnd()).Write(folder));
    }
}
