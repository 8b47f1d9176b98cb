using System.Text.Json;
using Pipeline.Data;
using Pipeline.MLNet.PlainApp;

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

    // In order of preference when a folder holds several image models: a generator, else a decoder (of latents, else
    // of code grids), else a translator (the first by file name, so CycleGAN's A → B).
    private static readonly IPlainModelWriter[] Writers =
    [
        new LatentPlainWriter(OnnxMetadataKeys.Roles.Generator),
        new LatentPlainWriter(OnnxMetadataKeys.Roles.Decoder),
        new CodeGridPlainWriter(),
        new TranslatorPlainWriter(),
    ];

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
        var (file, model, writer) = FindImageModel(exportFolder);
        var ml = new MLContext(seed);
        var made = writer.Rows(file, model, ml, new Random(seed), rows);
        using var fitted = made.Estimator.Fit(made.Data);
        var output = fitted.Transform(made.Data);
        var images = output.GetColumn<float[]>(ImageColumn).ToArray();
        var outputType = output.Schema[ImageColumn].Type.ToString()!;
        var expected = new Expected(
            Path.GetFileName(file),
            made.Inputs.Select(i => i.Column).ToArray(),
            made.Inputs.ToDictionary(i => i.Column, i => i.Type),
            new Dictionary<string, string> { [ImageColumn] = outputType },
            made.Expected(images));

        var zip = Path.Combine(exportFolder, ZipFile);
        var json = Path.Combine(exportFolder, ExpectedFile);
        AtomicFile.Write(zip, stream => ml.Model.Save(fitted, made.Data.Schema, stream));
        AtomicFile.Write(json, stream => JsonSerializer.Serialize(stream, expected, Json));
        return new PlainMlNetModel(zip, json, file, made.Inputs, outputType, model.Metadata.Role!);
    }

    /// <summary>
    /// The model card's section on the zip ("In a plain ML.NET app"): the columns, the packages an app needs, and the
    /// code that loads and runs it, in Markdown.
    /// </summary>
    public string CardSection() => PlainMlNetCard.Section(this);

    private static (string File, GenerativeOnnxModel Model, IPlainModelWriter Writer) FindImageModel(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Export folder not found: {folder}");
        }

        var models = Directory.GetFiles(folder, "*.onnx").Order(StringComparer.Ordinal).Select(f => (File: f, Model: GenerativeOnnxModel.Load(f))).ToArray();
        foreach (var writer in Writers)
        {
            foreach (var (file, model) in models)
            {
                if (model.Metadata.Role == writer.Role && writer.Writes(model))
                {
                    return (file, model, writer);
                }
            }
        }

        var roles = string.Join(", ", Writers.Select(w => $"'{w.Role}'").Distinct());
        throw new InvalidDataException(
            $"{folder}: no ONNX file with role {roles} in its {OnnxMetadataKeys.Role} metadata " +
            $"(found: {(models.Length == 0 ? "no .onnx files" : string.Join(", ", models.Select(m => $"{Path.GetFileName(m.File)} ({m.Model.Metadata.Role ?? "no role"})")))}).");
    }

    private sealed record Expected(string Model, string[] Inputs, IReadOnlyDictionary<string, string> InputTypes, IReadOnlyDictionary<string, string> OutputTypes, object[] Rows);
}
