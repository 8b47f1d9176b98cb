using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Pipeline.MLNet.Tests;

/// <summary>PlainMlNetModel.Write: the zip and expected outputs shipped beside an export folder.</summary>
public sealed class PlainMlNetModelTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly MLContext _ml = new(seed: 0);

    [Fact]
    public void The_zip_reproduces_the_stored_outputs_through_a_plain_load_and_a_generative_load()
    {
        // Given an export folder with a class-conditional generator
        TinyModels.Generator(_temp.Path);

        // When
        var written = PlainMlNetModel.Write(_temp.Path, rows: 5, seed: 2);

        // Then
        Assert.Equal(_temp.File(PlainMlNetModel.ZipFile), written.ZipPath);
        using var json = JsonDocument.Parse(File.ReadAllText(written.ExpectedPath));
        var rows = json.RootElement.GetProperty("Rows").EnumerateArray().ToArray();
        Assert.Equal(5, rows.Length);
        Assert.Equal("Vector<Single, 1, 2, 2>", json.RootElement.GetProperty("OutputTypes").GetProperty("Image").GetString());
        var inputs = rows.Select(r => new Input
        {
            Z = r.GetProperty("Z").EnumerateArray().Select(v => v.GetSingle()).ToArray(),
            Label = r.GetProperty("Label").GetInt32(),
        }).ToArray();
        var expected = rows.Select(r => r.GetProperty("Image").EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToArray();
        var data = _ml.Data.LoadFromEnumerable(inputs);
        foreach (var loaded in new[] { _ml.Model.Load(written.ZipPath, out _), _ml.Model.LoadGenerative(written.ZipPath, out _) })
        {
            var images = loaded.Transform(data).GetColumn<float[]>(PlainMlNetModel.ImageColumn).ToArray();
            Assert.All(Enumerable.Range(0, rows.Length), i => GenerativePipelineTests.AssertClose(expected[i], images[i]));
            Assert.All(Enumerable.Range(0, rows.Length), i => GenerativePipelineTests.AssertClose(TinyModels.Generated(inputs[i].Z, inputs[i].Label), images[i]));
        }

        SavedModelAssert.AssertOnnxValid(written.ZipPath);
        Assert.DoesNotContain(Directory.GetFiles(_temp.Path), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void A_folder_without_a_generator_or_decoder_is_refused_listing_what_it_holds()
    {
        TinyModels.Translator(_temp.Path);

        var error = Assert.Throws<InvalidDataException>(() => PlainMlNetModel.Write(_temp.Path));

        Assert.Contains("tiny-translator.onnx (translator)", error.Message);
    }

    public void Dispose() => _temp.Dispose();

    public sealed class Input
    {
        [VectorType(2)]
        public float[] Z { get; set; } = [];

        public int Label { get; set; }
    }
}
