using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Pipeline.MLNet.PlainApp.Tests;

/// <summary>
/// The committed onnx/NAME/mlnet-model.zip files, loaded the way an app that knows only ML.NET loads them
/// (<c>mlContext.Model.Load</c>, then Transform or a PredictionEngine, row by row), give the stored outputs with the
/// stored column types: generators and decoders from latent rows (<c>Z</c>, <c>Label</c>), translators from source
/// image rows (<c>Source</c>), the VQ-VAE-2 decoder from code-grid rows (<c>Top</c>, <c>Bottom</c>).
/// </summary>
public sealed class CommittedZipTests
{
    private readonly MLContext _ml = new(seed: 0);

    public static TheoryData<string> Models => new() { "vae-lecture", "cgan-fashion28", "superres4x-fashion28", "edges2item-fashion28", "sneaker2boot-fashion28", "vqvae2-fashion28" };

    [Theory]
    [MemberData(nameof(Models))]
    public void Transform_gives_the_stored_images_with_the_stored_column_type(string name)
    {
        // Given
        var (zip, expected) = Load(name);
        var model = _ml.Model.Load(zip, out _);
        var data = expected.Kind switch
        {
            RowKind.Source => _ml.Data.LoadFromEnumerable(expected.Rows.Select(r => new SourceRow { Source = r.Input.Z }), SourceRow.Schema(expected.InputDims)),
            RowKind.Codes => _ml.Data.LoadFromEnumerable(expected.Rows.Select(r => r.Codes!), CodeRow.Schema(expected.InputTypes)),
            _ => _ml.Data.LoadFromEnumerable(expected.Rows.Select(r => r.Input), InputRow.Schema(expected.LatentSize)),
        };

        // When
        var output = model.Transform(data);
        var images = output.GetColumn<float[]>("Image").ToArray();

        // Then
        Assert.Equal(expected.ImageType, output.Schema["Image"].Type.ToString());
        Assert.All(expected.InputTypes, t => Assert.Equal(t.Value, data.Schema[t.Key].Type.ToString()));
        Assert.Equal(expected.Rows.Length, images.Length);
        Assert.All(Enumerable.Range(0, images.Length), i => AssertClose(expected.Rows[i].Image, images[i]));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void A_prediction_engine_gives_the_stored_images_one_row_at_a_time(string name)
    {
        var (zip, expected) = Load(name);
        var model = _ml.Model.Load(zip, out _);
        if (expected.Kind == RowKind.Source)
        {
            var translate = _ml.Model.CreatePredictionEngine<SourceRow, OutputRow>(model, inputSchemaDefinition: SourceRow.Schema(expected.InputDims));
            Assert.All(expected.Rows, r => AssertClose(r.Image, translate.Predict(new SourceRow { Source = r.Input.Z }).Image));
            return;
        }

        if (expected.Kind == RowKind.Codes)
        {
            var decode = _ml.Model.CreatePredictionEngine<CodeRow, OutputRow>(model, inputSchemaDefinition: CodeRow.Schema(expected.InputTypes));
            Assert.All(expected.Rows, r => AssertClose(r.Image, decode.Predict(r.Codes!).Image));
            return;
        }

        var engine = _ml.Model.CreatePredictionEngine<InputRow, OutputRow>(model, inputSchemaDefinition: InputRow.Schema(expected.LatentSize));

        Assert.All(expected.Rows, r => AssertClose(r.Image, engine.Predict(r.Input).Image));
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst < 1e-4f, $"largest difference {worst}");
    }

    private static (string Zip, Expected Expected) Load(string name)
    {
        var folder = RepositoryFolder("onnx", name);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "mlnet-expected.json")));
        var root = json.RootElement;
        // A translator's rows hold a source image where a generator's hold z, both one float vector per row; a VQ-VAE-2
        // decoder's hold two int64 code grids.
        var kind = root.GetProperty("Inputs")[0].GetString() switch
        {
            "Source" => RowKind.Source,
            "Top" => RowKind.Codes,
            _ => RowKind.Latent,
        };
        var rows = root.GetProperty("Rows").EnumerateArray().Select(r => new ExpectedRow(
            new InputRow
            {
                Z = kind == RowKind.Codes ? [] : r.GetProperty(kind == RowKind.Source ? "Source" : "Z").EnumerateArray().Select(v => v.GetSingle()).ToArray(),
                Label = r.TryGetProperty("Label", out var label) && label.ValueKind == JsonValueKind.Number ? label.GetInt32() : 0,
            },
            kind == RowKind.Codes ? new CodeRow { Top = Longs(r.GetProperty("Top")), Bottom = Longs(r.GetProperty("Bottom")) } : null,
            r.GetProperty("Image").EnumerateArray().Select(v => v.GetSingle()).ToArray())).ToArray();
        var inputTypes = root.TryGetProperty("InputTypes", out var types)
            ? types.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!)
            : new Dictionary<string, string>();
        // "Vector<Single, 1, 7, 7>" → [1, 7, 7]
        var dims = kind == RowKind.Source ? Dims(inputTypes["Source"]) : [rows[0].Input.Z.Length];
        var expected = new Expected(root.GetProperty("OutputTypes").GetProperty("Image").GetString()!, rows[0].Input.Z.Length, dims, kind, inputTypes, rows);
        return (Path.Combine(folder, "mlnet-model.zip"), expected);
    }

    private static long[] Longs(JsonElement array) => array.EnumerateArray().Select(v => v.GetInt64()).ToArray();

    // "Vector<Single, 1, 7, 7>" → [1, 7, 7]
    private static int[] Dims(string type) => type[(type.IndexOf(',', StringComparison.Ordinal) + 2)..^1].Split(", ").Select(int.Parse).ToArray();

    private static string RepositoryFolder(params string[] parts)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine([directory.FullName, .. parts]);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"{Path.Combine(parts)} not found above {AppContext.BaseDirectory}.");
    }

    private enum RowKind
    {
        Latent,
        Source,
        Codes,
    }

    private sealed record Expected(string ImageType, int LatentSize, int[] InputDims, RowKind Kind, IReadOnlyDictionary<string, string> InputTypes, ExpectedRow[] Rows);

    private sealed record ExpectedRow(InputRow Input, CodeRow? Codes, float[] Image);

    public sealed class InputRow
    {
        public float[] Z { get; set; } = [];

        public int Label { get; set; }

        public static SchemaDefinition Schema(int latentSize)
        {
            var schema = SchemaDefinition.Create(typeof(InputRow));
            schema[nameof(Z)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, latentSize);
            return schema;
        }
    }

    public sealed class SourceRow
    {
        public float[] Source { get; set; } = [];

        public static SchemaDefinition Schema(int[] dims)
        {
            var schema = SchemaDefinition.Create(typeof(SourceRow));
            schema[nameof(Source)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dims);
            return schema;
        }
    }

    public sealed class CodeRow
    {
        public long[] Top { get; set; } = [];

        public long[] Bottom { get; set; } = [];

        public static SchemaDefinition Schema(IReadOnlyDictionary<string, string> types)
        {
            var schema = SchemaDefinition.Create(typeof(CodeRow));
            schema[nameof(Top)].ColumnType = new VectorDataViewType(NumberDataViewType.Int64, Dims(types[nameof(Top)]));
            schema[nameof(Bottom)].ColumnType = new VectorDataViewType(NumberDataViewType.Int64, Dims(types[nameof(Bottom)]));
            return schema;
        }
    }

    public sealed class OutputRow
    {
        public float[] Image { get; set; } = [];
    }
}
