// A user's app: GenerativeNet.MLNet from a feed, ML.NET's API, nothing else. Prints one "ok" line per check and
// exits non-zero on the first failure. Argument: the repository's onnx/ folder.
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;

var onnx = args[0];
var ml = new MLContext(seed: 0);

// A class-conditional GAN: latent + label rows → 1x28x28 images, compared with the outputs stored beside the model.
var cgan = Expected(Path.Combine(onnx, "cgan-fashion28"));
var latents = ml.Data.LoadFromEnumerable(cgan.EnumerateArray().Select(r => new LatentRow { Z = Floats(r, "Z"), Label = r.GetProperty("Label").GetInt32() }));
var generated = ml.Transforms.GenerateImages("Image", Path.Combine(onnx, "cgan-fashion28", "generator.onnx"), "Z", labelColumnName: "Label")
    .Fit(latents).Transform(latents);
Check("GenerateImages", generated, cgan);

// A CycleGAN translator: 1x28x28 source images → 28x28 MLImages, compared with the stored outputs to one grey level.
var cycle = Expected(Path.Combine(onnx, "sneaker2boot-fashion28"));
var sources = ml.Data.LoadFromEnumerable(cycle.EnumerateArray().Select(r => new SourceRow { Source = Floats(r, "Source") }));
var translated = ml.Transforms.TranslateImages("Image", Path.Combine(onnx, "sneaker2boot-fashion28", "translator-a2b.onnx"), "Source")
    .Fit(sources).Transform(sources);
CheckImages("TranslateImages", translated, cycle);
return 0;

static void Check(string what, IDataView output, JsonElement expected)
{
    var type = output.Schema["Image"].Type.ToString();
    var images = output.GetColumn<float[]>("Image").ToArray();
    var rows = expected.EnumerateArray().Select(r => Floats(r, "Image")).ToArray();
    if (type != "Vector<Single, 1, 28, 28>" || images.Length != rows.Length)
    {
        throw new InvalidOperationException($"{what}: {images.Length} rows of {type}, expected {rows.Length} rows of Vector<Single, 1, 28, 28>");
    }

    var worst = images.Zip(rows, (a, e) => a.Length != e.Length ? float.PositiveInfinity : a.Zip(e, (x, y) => Math.Abs(x - y)).Max()).Max();
    var (min, max) = (images.Min(i => i.Min()), images.Max(i => i.Max()));
    if (worst > 1e-4f || min < 0 || max > 1)
    {
        throw new InvalidOperationException($"{what}: largest difference from the stored outputs {worst}, values in [{min}, {max}], expected ≤ 1e-4 in [0, 1]");
    }

    Console.WriteLine($"ok {what} {images.Length} x {type} max|diff| {worst:g3} range [{min:0.###}, {max:0.###}]");
}

static void CheckImages(string what, IDataView output, JsonElement expected)
{
    var type = output.Schema["Image"].Type.ToString();
    var images = output.GetColumn<MLImage>("Image").ToArray();
    var rows = expected.EnumerateArray().Select(r => Floats(r, "Image")).ToArray();
    if (type != "Image<28, 28>" || images.Length != rows.Length)
    {
        throw new InvalidOperationException($"{what}: {images.Length} rows of {type}, expected {rows.Length} rows of Image<28, 28>");
    }

    // A grey image in 4-byte pixels: every colour channel holds the grey level; compare the first.
    var worst = images.Zip(rows, (image, e) => image.Pixels.Length != 4 * e.Length
        ? float.PositiveInfinity
        : e.Select((v, i) => Math.Abs(image.Pixels[4 * i] - v * 255f)).Max()).Max();
    if (worst > 1.01f)
    {
        throw new InvalidOperationException($"{what}: largest difference from the stored outputs {worst} grey levels, expected ≤ 1");
    }

    Console.WriteLine($"ok {what} {images.Length} x {type} {images[0].PixelFormat} max|diff| {worst:0.##} grey levels");
    foreach (var image in images)
    {
        image.Dispose();
    }
}

static JsonElement Expected(string folder) =>
    JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "mlnet-expected.json"))).RootElement.GetProperty("Rows");

static float[] Floats(JsonElement row, string name) => row.GetProperty(name).EnumerateArray().Select(v => v.GetSingle()).ToArray();

public sealed class LatentRow
{
    [VectorType(128)]
    public float[] Z { get; set; } = [];

    public int Label { get; set; }
}

public sealed class SourceRow
{
    [VectorType(1, 28, 28)]
    public float[] Source { get; set; } = [];
}
