using Pipeline.Application.Exports;
using Pipeline.Application.PixelCnn;
using Pipeline.Export;
using Pipeline.Export.Cards;

namespace Pipeline.Cli.Families;

/// <summary>How every family's export is shown: the table of exported files, the plain ML.NET zip and the model card.</summary>
internal static class ModelCards
{
    /// <summary>Prints what an export wrote.</summary>
    public static void Show(ExportReport report)
    {
        Terminal.Summary($"ONNX export of {report.RunId}", [.. report.Files.SelectMany(f => Describe(f.Role, f.File))]);
        Terminal.Wrote(report.Pictures);
        foreach (var note in report.Notes)
        {
            Terminal.Info(note);
        }

        Terminal.Wrote("plain ML.NET model", report.PlainMlNetZip);
        Terminal.Wrote("model card", report.ModelCard);
    }

    /// <summary>Prints what a PixelCNN export wrote (no plain ML.NET zip: its logits are no image).</summary>
    public static void Show(PixelCnnExportReport report)
    {
        Terminal.Summary($"ONNX export of {report.RunId}", [.. Describe("autoregressive logits", report.Model)]);
        Terminal.Wrote("model card", report.ModelCard);
    }

    /// <summary>Terminal rows for one exported file.</summary>
    public static IEnumerable<(string, string)> Describe(string role, OnnxExportReport report)
    {
        yield return (role, report.Path);
        yield return ("  parameters, bytes", $"{report.ParameterCount:N0}, {report.FileBytes:N0}");
        yield return ("  max |ONNX Runtime - TorchSharp|", ModelCard.Parity(report));
    }
}
