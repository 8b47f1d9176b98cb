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
/// <see cref="LabelColumn"/> (Int32, class-conditional generators only) → <see cref="ImageColumn"/> (Vector&lt;Single, C, H, W&gt;).</param>
/// <param name="ExpectedPath">The inputs and outputs of a few rows, <see cref="ExpectedFile"/> (JSON).</param>
/// <param name="Model">The exported ONNX file the zip was made from.</param>
public sealed record PlainMlNetModel(string ZipPath, string ExpectedPath, string Model)
{
    /// <summary>File name of the saved pipeline.</summary>
    public const string ZipFile = "mlnet-model.zip";

    /// <summary>File name of the expected outputs.</summary>
    public const string ExpectedFile = "mlnet-expected.json";

    /// <summary>Input column of the latent vectors.</summary>
    public const string LatentColumn = "Z";

    /// <summary>Input column of the class labels (class-conditional generators).</summary>
    public const string LabelColumn = "Label";

    /// <summary>Output column of the images (C, H, W planar, in the model's value range).</summary>
    public const string ImageColumn = "Image";

    // Relaxed escaping keeps "Vector<Single, 1, 28, 28>" readable in the file.
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Writes <see cref="ZipFile"/> and <see cref="ExpectedFile"/> into <paramref name="exportFolder"/> for the image
    /// model found there by its metadata role (a generator, else a decoder): GenerateImages over z ~ N(0, I) with a
    /// label column when the generator is class-conditional, saved with <c>mlContext.Model.Save</c>. Both files are
    /// written atomically and replaced when present.
    /// </summary>
    /// <param name="exportFolder">A folder written by <c>pipeline export</c>.</param>
    /// <param name="rows">Rows of expected outputs to store (classes cycle through 0, 1, ...).</param>
    /// <param name="seed">Seed of the latents.</param>
    public static PlainMlNetModel Write(string exportFolder, int rows = 4, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        var file = FindImageModel(exportFolder);
        var metadata = OnnxModelMetadata.FromProperties(OnnxFile.Metadata(OnnxFile.Read(file)));
        var latent = metadata.LatentSize ?? throw new InvalidDataException($"{file}: no {OnnxMetadataKeys.LatentSize} metadata; export it with `pipeline export`.");
        var conditional = GenerativeOnnxModel.Load(file).Inputs.Any(i => GenerativeBinding.KindOf(i) == InputKind.ClassIndex);
        var classes = metadata.ClassCount ?? 1;
        var random = new Random(seed);
        var inputs = Enumerable.Range(0, rows).Select(i => new Row
        {
            Z = Enumerable.Range(0, latent).Select(_ => (float)Gaussian(random)).ToArray(),
            Label = i % classes,
        }).ToArray();

        var ml = new MLContext(seed);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Z)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, latent);
        var data = ml.Data.LoadFromEnumerable(inputs, schema);
        using var model = ml.Transforms.GenerateImages(ImageColumn, file, LatentColumn, conditional ? LabelColumn : null).Fit(data);
        var output = model.Transform(data);
        var images = output.GetColumn<float[]>(ImageColumn).ToArray();
        var expected = new Expected(
            Path.GetFileName(file),
            conditional ? [LatentColumn, LabelColumn] : [LatentColumn],
            new Dictionary<string, string> { [ImageColumn] = output.Schema[ImageColumn].Type.ToString()! },
            inputs.Zip(images, (r, image) => new ExpectedRow(r.Z, conditional ? r.Label : null, image)).ToArray());

        var zip = Path.Combine(exportFolder, ZipFile);
        var json = Path.Combine(exportFolder, ExpectedFile);
        WriteAtomically(zip, path => ml.Model.Save(model, data.Schema, path));
        WriteAtomically(json, path => File.WriteAllText(path, JsonSerializer.Serialize(expected, Json)));
        return new PlainMlNetModel(zip, json, file);
    }

    private static string FindImageModel(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Export folder not found: {folder}");
        }

        var roles = Directory.GetFiles(folder, "*.onnx").Order(StringComparer.Ordinal)
            .Select(f => (File: f, Role: OnnxModelMetadata.FromProperties(OnnxFile.Metadata(OnnxFile.Read(f))).Role)).ToArray();
        foreach (var wanted in new[] { OnnxMetadataKeys.Roles.Generator, OnnxMetadataKeys.Roles.Decoder })
        {
            if (roles.FirstOrDefault(r => r.Role == wanted).File is { } found)
            {
                return found;
            }
        }

        throw new InvalidDataException(
            $"{folder}: no ONNX file with role '{OnnxMetadataKeys.Roles.Generator}' or '{OnnxMetadataKeys.Roles.Decoder}' in its {OnnxMetadataKeys.Role} metadata " +
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

    private sealed class Row
    {
        public float[] Z { get; set; } = [];

        public int Label { get; set; }
    }

    private sealed record Expected(string Model, string[] Inputs, IReadOnlyDictionary<string, string> OutputTypes, ExpectedRow[] Rows);

    private sealed record ExpectedRow(float[] Z, int? Label, float[] Image);
}
