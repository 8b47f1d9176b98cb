using System.Globalization;
using System.Text;
using static Pipeline.MLNet.PlainMlNetModel;

namespace Pipeline.MLNet.PlainApp;

/// <summary>
/// The model card's section on a plain ML.NET zip: its columns, the packages an app needs, and the code that loads and
/// runs it.
/// </summary>
internal static class PlainMlNetCard
{
    /// <summary>The "In a plain ML.NET app" section of <paramref name="plain"/>'s model card, in Markdown.</summary>
    public static string Section(PlainMlNetModel plain)
    {
        var what = plain.Role switch
        {
            OnnxMetadataKeys.Roles.Generator => "generator",
            OnnxMetadataKeys.Roles.Translator => $"translator ({Path.GetFileName(plain.Model)})",
            _ => "decoder",
        };
        var translator = plain.Role == OnnxMetadataKeys.Roles.Translator;
        var inputs = string.Join(" and ", plain.Inputs.Select(i => $"`{i.Column}` (`{i.Type}`{InputNote(plain, i.Column)})"));
        var codes = plain.Inputs.Any(i => i.Type.StartsWith("Vector<Int64", StringComparison.Ordinal));
        var rowType = translator ? "SourceRow" : codes ? "CodeRow" : "LatentRow";
        var row = $"{rowType} {{ {string.Join("; ", plain.Inputs.Select(i => i.Type.StartsWith("Vector", StringComparison.Ordinal) ? $"[VectorType({VectorDims(i.Type)})] {(codes ? "long" : "float")}[] {i.Column}" : $"int {i.Column}"))} }}";
        var values = VectorDims(plain.OutputType).Split(", ").Aggregate(1, (product, d) => product * int.Parse(d, CultureInfo.InvariantCulture));
        var text = new StringBuilder();
        void Line(string line = "") => text.AppendLine(line);
        Line("## In a plain ML.NET app");
        Line();
        Line($"`{ZipFile}` is the {what} as an ML.NET pipeline saved with `mlContext.Model.Save`, made only of ML.NET's own");
        Line("transforms: an app that references Microsoft.ML, Microsoft.ML.OnnxTransformer, Microsoft.ML.ImageAnalytics and");
        Line($"Microsoft.ML.OnnxRuntime (not this project) runs it row by row. Input column{(plain.Inputs.Count > 1 ? "s" : "")} {inputs},");
        Line($"output column `{ImageColumn}` (`{plain.OutputType}`, planar, in [0, 1]). `{ExpectedFile}` holds rows of");
        Line("inputs and the outputs to expect (differences below 1e-4); `tests/Pipeline.MLNet.PlainApp.Tests` checks them.");
        if (translator)
        {
            Line($"The stored inputs are uniform noise, not images: they check the arithmetic. From image files, `LoadImages` →");
            Line($"`ResizeImages` → `ExtractPixels(\"{PlainMlNetModel.SourceColumn}\", scaleImage: 1 / 255f)` (grey: `colorsToExtract: ColorBits.Red`) gives the column.");
        }

        Line();
        Line("```csharp");
        Line("var ml = new MLContext();");
        Line($"var model = ml.Model.Load(\"{ZipFile}\", out _);");
        Line($"var engine = ml.Model.CreatePredictionEngine<{rowType}, ImageRow>(model);   // {row}");
        Line($"float[] image = engine.Predict(row).Image;                                // ImageRow {{ float[] Image }}, {values.ToString(CultureInfo.InvariantCulture)} values");
        Line("```");
        Line();
        Line($"With this project's `Pipeline.MLNet`, `mlContext.Model.LoadGenerative(\"{ZipFile}\", out _)` runs the same zip");
        Line("in batches. `pipeline export` writes the zip with `PlainMlNetModel.Write(folder)`.");
        return text.ToString();
    }

    private static string InputNote(PlainMlNetModel plain, string column) => column switch
    {
        LatentColumn => ", z ~ N(0, I)",
        TopCodesColumn or BottomCodesColumn => ", row-major codes in [0, K)",
        LabelColumn => $", the class index 0..{OnnxModelMetadata.FromProperties(OnnxFile.Metadata(OnnxFile.Read(plain.Model))).ClassCount - 1}",
        _ => ", planar, in [0, 1]",
    };

    // "Vector<Single, 1, 7, 7>" → "1, 7, 7".
    private static string VectorDims(string type) => type[(type.IndexOf(',', StringComparison.Ordinal) + 2)..^1];
}
