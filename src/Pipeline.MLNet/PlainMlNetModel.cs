using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Pipeline.Onnx;

namespace Pipeline.MLNet;

/// <summary>
/// A zip for apps that reference ML.NET only (Microsoft.ML, Microsoft.ML.OnnxTransformer, Microsoft.ML.ImageAnalytics,
/// Microsoft.ML.OnnxRuntime, not this project), written beside an exported model, with inputs and expected outputs so
/// that such an app (or a test) can check what it computes.
/// </summary>
/// <param name="ZipPath">The saved pipeline, <see cref="ZipFile"/>: columns <see cref="LatentColumn"/> (Vector&lt;Single, latent size&gt;),
/// <see cref="LabelColumn"/> (Int32, class-conditional generators only) → <see cref="ImageColumn"/> (Vector&lt;Single, C, H, W&gt;);
/// for a translator <see cref="SourceColumn"/> (Vector&lt;Single, C, H, W&gt;) → <see cref="ImageColumn"/>; for a VQ-VAE-2
/// decoder <see cref="TopCodesColumn"/> and <see cref="BottomCodesColumn"/> (Vector&lt;Int64, H, W&gt;) → <see cref="ImageColumn"/>.</param>
/// <param name="ExpectedPath">The inputs and outputs of a few rows, <see cref="ExpectedFile"/> (JSON).</param>
/// <param name="Model">The exported ONNX file the zip was made from.</param>
/// <param name="Inputs">The zip's input columns and their ML.NET types, in order.</param>
/// <param name="OutputType">The ML.NET type of <see cref="ImageColumn"/>.</param>
/// <param name="Role">The model's role (generator, decoder or translator).</param>
public sealed record PlainMlNetModel(string ZipPath, string ExpectedPath, string Model, IReadOnlyList<(string Column, string Type)> Inputs, string OutputType, string Role)
{
    /// <summary>File name of the saved pipeline.</summary>
    public const string ZipFile = "mlnet-model.zip";

    /// <summary>File name of the expected outputs.</summary>
    public const string ExpectedFile = "mlnet-expected.json";

    /// <summary>Input column of the latent vectors.</summary>
    public const string LatentColumn = "Z";

    /// <summary>Input column of the class labels (class-conditional generators).</summary>
    public const string LabelColumn = "Label";

    /// <summary>Input column of a translator's source image (C, H, W planar, in the model's value range).</summary>
    public const string SourceColumn = "Source";

    /// <summary>Input column of a VQ-VAE-2 decoder's top code grid (row-major, codes in [0, K)).</summary>
    public const string TopCodesColumn = "Top";

    /// <summary>Input column of a VQ-VAE-2 decoder's bottom code grid.</summary>
    public const string BottomCodesColumn = "Bottom";

    /// <summary>Output column of the images (C, H, W planar, in the model's value range).</summary>
    public const string ImageColumn = "Image";

    // Relaxed escaping keeps "Vector<Single, 1, 28, 28>" readable in the file.
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Writes <see cref="ZipFile"/> and <see cref="ExpectedFile"/> into <paramref name="exportFolder"/> for the image
    /// model found there by its metadata role (a generator, else a decoder, else a translator — the first by file name,
    /// so CycleGAN's A → B): GenerateImages over z ~ N(0, I) with a label column when the generator is
    /// class-conditional, DecodeFromCodes over uniform random code grids for a VQ-VAE-2 decoder, or over uniform random
    /// source images of the metadata's size for a translator, saved with
    /// <c>mlContext.Model.Save</c>. Both files are written atomically and replaced when present.
    /// </summary>
    /// <param name="exportFolder">A folder written by <c>pipeline export</c>.</param>
    /// <param name="rows">Rows of expected outputs to store (classes cycle through 0, 1, ...).</param>
    /// <param name="seed">Seed of the latents or source images.</param>
    public static PlainMlNetModel Write(string exportFolder, int rows = 4, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        var file = FindImageModel(exportFolder);
        var model = GenerativeOnnxModel.Load(file);
        var ml = new MLContext(seed);
        var random = new Random(seed);
        if (model.Metadata.Role == OnnxMetadataKeys.Roles.Translator)
        {
            return WriteTranslator(exportFolder, file, model, ml, random, rows);
        }

        return model.Inputs.All(i => GenerativeBinding.KindOf(i) == InputKind.IndexGrid)
            ? WriteCodeDecoder(exportFolder, file, model, ml, random, rows)
            : WriteGenerator(exportFolder, file, model, ml, random, rows);
    }

    private static PlainMlNetModel WriteGenerator(string exportFolder, string file, GenerativeOnnxModel model, MLContext ml, Random random, int rows)
    {
        var metadata = model.Metadata;
        var latent = metadata.LatentSize ?? throw new InvalidDataException($"{file}: no {OnnxMetadataKeys.LatentSize} metadata; export it with `pipeline export`.");
        var conditional = model.Inputs.Any(i => GenerativeBinding.KindOf(i) == InputKind.ClassIndex);
        var classes = metadata.ClassCount ?? 1;
        var inputs = Enumerable.Range(0, rows).Select(i => new LatentRow
        {
            Z = Enumerable.Range(0, latent).Select(_ => (float)Gaussian(random)).ToArray(),
            Label = i % classes,
        }).ToArray();

        var schema = SchemaDefinition.Create(typeof(LatentRow));
        schema[nameof(LatentRow.Z)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, latent);
        var data = ml.Data.LoadFromEnumerable(inputs, schema);
        (string, string)[] columns = conditional
            ? [(LatentColumn, data.Schema[LatentColumn].Type.ToString()!), (LabelColumn, data.Schema[LabelColumn].Type.ToString()!)]
            : [(LatentColumn, data.Schema[LatentColumn].Type.ToString()!)];
        return Save(exportFolder, file, model, ml, data, ml.Transforms.GenerateImages(ImageColumn, file, LatentColumn, conditional ? LabelColumn : null), columns,
            images => inputs.Zip(images, (r, image) => (object)new LatentExpectedRow(r.Z, conditional ? r.Label : null, image)).ToArray());
    }

    // Uniform codes rather than the codes of real images, for the reason given for translators below.
    private static PlainMlNetModel WriteCodeDecoder(string exportFolder, string file, GenerativeOnnxModel model, MLContext ml, Random random, int rows)
    {
        var top = model.Input(VqVae2ExportFolder.TopCodes);
        var bottom = model.Input(VqVae2ExportFolder.BottomCodes);
        var topCodes = CodebookSize(model, OnnxMetadataKeys.Codes.TopCodebookSize);
        var bottomCodes = CodebookSize(model, OnnxMetadataKeys.Codes.BottomCodebookSize);
        var inputs = Enumerable.Range(0, rows).Select(_ => new CodeRow
        {
            Top = Enumerable.Range(0, top.Size).Select(_ => (long)random.Next(topCodes)).ToArray(),
            Bottom = Enumerable.Range(0, bottom.Size).Select(_ => (long)random.Next(bottomCodes)).ToArray(),
        }).ToArray();

        var schema = SchemaDefinition.Create(typeof(CodeRow));
        schema[nameof(CodeRow.Top)].ColumnType = new VectorDataViewType(NumberDataViewType.Int64, top.Dims);
        schema[nameof(CodeRow.Bottom)].ColumnType = new VectorDataViewType(NumberDataViewType.Int64, bottom.Dims);
        var data = ml.Data.LoadFromEnumerable(inputs, schema);
        return Save(exportFolder, file, model, ml, data, ml.Transforms.DecodeFromCodes(ImageColumn, file, [TopCodesColumn, BottomCodesColumn]),
            [(TopCodesColumn, data.Schema[TopCodesColumn].Type.ToString()!), (BottomCodesColumn, data.Schema[BottomCodesColumn].Type.ToString()!)],
            images => inputs.Zip(images, (r, image) => (object)new CodeExpectedRow(r.Top, r.Bottom, image)).ToArray());
    }

    private static int CodebookSize(GenerativeOnnxModel model, string key) =>
        model.Properties.TryGetValue(key, out var text) && int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var size) && size >= 1
            ? size
            : throw model.MissingMetadata(key, "a positive codebook size");

    // Uniform noise rather than real images: the zip is checked for computing what ONNX Runtime computes, and the export
    // folder holds no data set; the expected rows come from the model file alone.
    private static PlainMlNetModel WriteTranslator(string exportFolder, string file, GenerativeOnnxModel model, MLContext ml, Random random, int rows)
    {
        var codec = model.RequireImage(model.Inputs[0]);
        int[] dims = [codec.Channels, codec.Height, codec.Width];
        var inputs = Enumerable.Range(0, rows).Select(_ => new SourceRow
        {
            Source = Enumerable.Range(0, codec.Channels * codec.Height * codec.Width).Select(_ => codec.Min + ((codec.Max - codec.Min) * (float)random.NextDouble())).ToArray(),
        }).ToArray();

        var schema = SchemaDefinition.Create(typeof(SourceRow));
        schema[nameof(SourceRow.Source)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dims);
        var data = ml.Data.LoadFromEnumerable(inputs, schema);
        return Save(exportFolder, file, model, ml, data, ml.Transforms.GenerateImages(ImageColumn, file, SourceColumn), [(SourceColumn, data.Schema[SourceColumn].Type.ToString()!)],
            images => inputs.Zip(images, (r, image) => (object)new SourceExpectedRow(r.Source, image)).ToArray());
    }

    private static PlainMlNetModel Save(string exportFolder, string file, GenerativeOnnxModel onnx, MLContext ml, IDataView data, GenerativeOnnxEstimator estimator,
        (string Column, string Type)[] inputs, Func<float[][], object[]> rows)
    {
        using var model = estimator.Fit(data);
        var output = model.Transform(data);
        var images = output.GetColumn<float[]>(ImageColumn).ToArray();
        var outputType = output.Schema[ImageColumn].Type.ToString()!;
        var expected = new Expected(
            Path.GetFileName(file),
            inputs.Select(i => i.Column).ToArray(),
            inputs.ToDictionary(i => i.Column, i => i.Type),
            new Dictionary<string, string> { [ImageColumn] = outputType },
            rows(images));

        var zip = Path.Combine(exportFolder, ZipFile);
        var json = Path.Combine(exportFolder, ExpectedFile);
        WriteAtomically(zip, path => ml.Model.Save(model, data.Schema, path));
        WriteAtomically(json, path => File.WriteAllText(path, JsonSerializer.Serialize(expected, Json)));
        return new PlainMlNetModel(zip, json, file, inputs, outputType, onnx.Metadata.Role!);
    }

    /// <summary>
    /// The model card's section on the zip ("In a plain ML.NET app"): the columns, the packages an app needs, and the
    /// code that loads and runs it, in Markdown.
    /// </summary>
    public string CardSection()
    {
        var what = Role switch
        {
            OnnxMetadataKeys.Roles.Generator => "generator",
            OnnxMetadataKeys.Roles.Translator => $"translator ({Path.GetFileName(Model)})",
            _ => "decoder",
        };
        var translator = Role == OnnxMetadataKeys.Roles.Translator;
        var inputs = string.Join(" and ", Inputs.Select(i => $"`{i.Column}` (`{i.Type}`{InputNote(i.Column)})"));
        var codes = Inputs.Any(i => i.Type.StartsWith("Vector<Int64", StringComparison.Ordinal));
        var rowType = translator ? "SourceRow" : codes ? "CodeRow" : "LatentRow";
        var row = $"{rowType} {{ {string.Join("; ", Inputs.Select(i => i.Type.StartsWith("Vector", StringComparison.Ordinal) ? $"[VectorType({VectorDims(i.Type)})] {(codes ? "long" : "float")}[] {i.Column}" : $"int {i.Column}"))} }}";
        var values = VectorDims(OutputType).Split(", ").Aggregate(1, (product, d) => product * int.Parse(d, System.Globalization.CultureInfo.InvariantCulture));
        var text = new System.Text.StringBuilder();
        void Line(string line = "") => text.AppendLine(line);
        Line("## In a plain ML.NET app");
        Line();
        Line($"`{ZipFile}` is the {what} as an ML.NET pipeline saved with `mlContext.Model.Save`, made only of ML.NET's own");
        Line("transforms: an app that references Microsoft.ML, Microsoft.ML.OnnxTransformer, Microsoft.ML.ImageAnalytics and");
        Line($"Microsoft.ML.OnnxRuntime (not this project) runs it row by row. Input column{(Inputs.Count > 1 ? "s" : "")} {inputs},");
        Line($"output column `{ImageColumn}` (`{OutputType}`, planar, in [0, 1]). `{ExpectedFile}` holds rows of");
        Line("inputs and the outputs to expect (differences below 1e-4); `tests/Pipeline.MLNet.PlainApp.Tests` checks them.");
        if (translator)
        {
            Line($"The stored inputs are uniform noise, not images: they check the arithmetic. From image files, `LoadImages` →");
            Line($"`ResizeImages` → `ExtractPixels(\"{SourceColumn}\", scaleImage: 1 / 255f)` (grey: `colorsToExtract: ColorBits.Red`) gives the column.");
        }

        Line();
        Line("```csharp");
        Line("var ml = new MLContext();");
        Line($"var model = ml.Model.Load(\"{ZipFile}\", out _);");
        Line($"var engine = ml.Model.CreatePredictionEngine<{rowType}, ImageRow>(model);   // {row}");
        Line($"float[] image = engine.Predict(row).Image;                                // ImageRow {{ float[] Image }}, {values.ToString(System.Globalization.CultureInfo.InvariantCulture)} values");
        Line("```");
        Line();
        Line($"With this project's `Pipeline.MLNet`, `mlContext.Model.LoadGenerative(\"{ZipFile}\", out _)` runs the same zip");
        Line("in batches. `pipeline export` writes the zip with `PlainMlNetModel.Write(folder)`.");
        return text.ToString();
    }

    private string InputNote(string column) => column switch
    {
        LatentColumn => ", z ~ N(0, I)",
        TopCodesColumn or BottomCodesColumn => ", row-major codes in [0, K)",
        LabelColumn => $", the class index 0..{OnnxModelMetadata.FromProperties(OnnxFile.Metadata(OnnxFile.Read(Model))).ClassCount - 1}",
        _ => ", planar, in [0, 1]",
    };

    // "Vector<Single, 1, 7, 7>" → "1, 7, 7".
    private static string VectorDims(string type) => type[(type.IndexOf(',', StringComparison.Ordinal) + 2)..^1];

    private static string FindImageModel(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Export folder not found: {folder}");
        }

        var roles = Directory.GetFiles(folder, "*.onnx").Order(StringComparer.Ordinal)
            .Select(f => (File: f, Role: OnnxModelMetadata.FromProperties(OnnxFile.Metadata(OnnxFile.Read(f))).Role)).ToArray();
        foreach (var wanted in new[] { OnnxMetadataKeys.Roles.Generator, OnnxMetadataKeys.Roles.Decoder, OnnxMetadataKeys.Roles.Translator })
        {
            if (roles.FirstOrDefault(r => r.Role == wanted).File is { } found)
            {
                return found;
            }
        }

        throw new InvalidDataException(
            $"{folder}: no ONNX file with role '{OnnxMetadataKeys.Roles.Generator}', '{OnnxMetadataKeys.Roles.Decoder}' or '{OnnxMetadataKeys.Roles.Translator}' in its {OnnxMetadataKeys.Role} metadata " +
            $"(found: {(roles.Length == 0 ? "no .onnx files" : string.Join(", ", roles.Select(r => $"{Path.GetFileName(r.File)} ({r.Role ?? "no role"})")))}).");
    }

    private static void WriteAtomically(string path, Action<string> write)
    {
        var temp = path + ".tmp";
        try
        {
            write(temp);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    // Box–Muller: one standard normal from two uniforms in (0, 1].
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private sealed class LatentRow
    {
        public float[] Z { get; set; } = [];

        public int Label { get; set; }
    }

    private sealed class CodeRow
    {
        public long[] Top { get; set; } = [];

        public long[] Bottom { get; set; } = [];
    }

    private sealed class SourceRow
    {
        public float[] Source { get; set; } = [];
    }

    private sealed record Expected(string Model, string[] Inputs, IReadOnlyDictionary<string, string> InputTypes, IReadOnlyDictionary<string, string> OutputTypes, object[] Rows);

    private sealed record LatentExpectedRow(float[] Z, int? Label, float[] Image);

    private sealed record SourceExpectedRow(float[] Source, float[] Image);

    private sealed record CodeExpectedRow(long[] Top, long[] Bottom, float[] Image);
}
