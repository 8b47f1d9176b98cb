using System.Globalization;
using System.Text;
using Pipeline.Cli.Console;
using Pipeline.Export;
using Pipeline.Export.Cards;
using Pipeline.MLNet;
using Pipeline.Onnx;

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

    private static string PlainMlNetSection(PlainMlNetModel plain)
    {
        var metadata = OnnxModelMetadata.FromProperties(OnnxFile.Metadata(OnnxFile.Read(plain.Model)));
        var latent = metadata.LatentSize ?? 0;
        var (c, h, w) = (metadata.ImageChannels ?? 0, metadata.ImageHeight ?? 0, metadata.ImageWidth ?? 0);
        var labelled = metadata.Role == OnnxMetadataKeys.Roles.Generator && metadata.ClassCount is not null;
        var what = metadata.Role == OnnxMetadataKeys.Roles.Generator ? "generator" : "decoder";
        var inputs = $"Input column `{PlainMlNetModel.LatentColumn}` (`Vector<Single, {latent}>`, z ~ N(0, I))"
            + (labelled ? $" and `{PlainMlNetModel.LabelColumn}` (`Int32`, the class index 0..{metadata.ClassCount - 1})" : "");
        var row = labelled ? $"LatentRow {{ [VectorType({latent})] float[] Z; int Label }}" : $"LatentRow {{ [VectorType({latent})] float[] Z }}";
        var text = new StringBuilder();
        void Line(string line = "") => text.AppendLine(line);
        Line("## In a plain ML.NET app");
        Line();
        Line($"`{PlainMlNetModel.ZipFile}` is the {what} as an ML.NET pipeline saved with `mlContext.Model.Save`, made only of ML.NET's own");
        Line("transforms: an app that references Microsoft.ML, Microsoft.ML.OnnxTransformer, Microsoft.ML.ImageAnalytics and");
        Line($"Microsoft.ML.OnnxRuntime (not this project) runs it row by row. {inputs},");
        Line($"output column `{PlainMlNetModel.ImageColumn}` (`Vector<Single, {c}, {h}, {w}>`, planar, in [0, 1]). `{PlainMlNetModel.ExpectedFile}` holds rows of");
        Line("inputs and the outputs to expect (differences below 1e-4); `tests/Pipeline.MLNet.PlainApp.Tests` checks them.");
        Line();
        Line("```csharp");
        Line("var ml = new MLContext();");
        Line($"var model = ml.Model.Load(\"{PlainMlNetModel.ZipFile}\", out _);");
        Line($"var engine = ml.Model.CreatePredictionEngine<LatentRow, ImageRow>(model);   // {row}");
        Line($"float[] image = engine.Predict(row).Image;                                // ImageRow {{ float[] Image }}, {(c * h * w).ToString(CultureInfo.InvariantCulture)} values");
        Line("```");
        Line();
        Line($"With this project's `Pipeline.MLNet`, `mlContext.Model.LoadGenerative(\"{PlainMlNetModel.ZipFile}\", out _)` runs the same zip");
        Line("in batches. `pipeline export` writes the zip with `PlainMlNetModel.Write(folder)`.");
        return text.ToString();
    }
}
