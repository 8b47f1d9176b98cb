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
    public void A_translator_zip_maps_stored_source_images_to_the_stored_outputs_at_the_metadata_size()
    {
        // Given an export folder with a ×2 upscaler whose H and W are symbolic (4×4 → 8×8 in its metadata)
        TinyModels.Upscaler(_temp.Path);

        // When
        var written = PlainMlNetModel.Write(_temp.Path, rows: 3, seed: 1);

        // Then: the JSON names the source column and both types; a plain load and a generative load reproduce it
        using var json = JsonDocument.Parse(File.ReadAllText(written.ExpectedPath));
        var root = json.RootElement;
        Assert.Equal([PlainMlNetModel.SourceColumn], root.GetProperty("Inputs").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Vector<Single, 3, 4, 4>", root.GetProperty("InputTypes").GetProperty(PlainMlNetModel.SourceColumn).GetString());
        Assert.Equal("Vector<Single, 3, 8, 8>", root.GetProperty("OutputTypes").GetProperty(PlainMlNetModel.ImageColumn).GetString());
        var rows = root.GetProperty("Rows").EnumerateArray().ToArray();
        var sources = rows.Select(r => new SourceInput { Source = r.GetProperty("Source").EnumerateArray().Select(v => v.GetSingle()).ToArray() }).ToArray();
        Assert.All(sources, s => Assert.InRange(s.Source.Min(), 0f, 1f));
        Assert.All(sources, s => Assert.InRange(s.Source.Max(), 0f, 1f));
        var expected = rows.Select(r => r.GetProperty("Image").EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToArray();
        Assert.All(Enumerable.Range(0, rows.Length), i => GenerativePipelineTests.AssertClose(NearestTwice(sources[i].Source), expected[i]));
        var data = _ml.Data.LoadFromEnumerable(sources);
        foreach (var loaded in new[] { _ml.Model.Load(written.ZipPath, out _), _ml.Model.LoadGenerative(written.ZipPath, out _) })
        {
            var images = loaded.Transform(data).GetColumn<float[]>(PlainMlNetModel.ImageColumn).ToArray();
            Assert.All(Enumerable.Range(0, rows.Length), i => GenerativePipelineTests.AssertClose(expected[i], images[i]));
        }

        Assert.Contains("`Source` (`Vector<Single, 3, 4, 4>`, planar, in [0, 1])", written.CardSection());
        Assert.Contains("translator (tiny-upscaler.onnx)", written.CardSection());
    }

    [Fact]
    public void A_vqvae2_decoder_zip_maps_stored_code_grids_to_the_stored_images()
    {
        // Given an export folder with a decoder from a top (1×1) and a bottom (2×2) code grid
        TinyModels.TwoLevelDecoder(_temp.Path);

        // When
        var written = PlainMlNetModel.Write(_temp.Path, rows: 4, seed: 3);

        // Then: the JSON names both grid columns and their types, the codes lie in the codebook, and both loads reproduce it
        using var json = JsonDocument.Parse(File.ReadAllText(written.ExpectedPath));
        var root = json.RootElement;
        Assert.Equal([PlainMlNetModel.TopCodesColumn, PlainMlNetModel.BottomCodesColumn], root.GetProperty("Inputs").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Vector<Int64, 1, 1>", root.GetProperty("InputTypes").GetProperty(PlainMlNetModel.TopCodesColumn).GetString());
        Assert.Equal("Vector<Int64, 2, 2>", root.GetProperty("InputTypes").GetProperty(PlainMlNetModel.BottomCodesColumn).GetString());
        var rows = root.GetProperty("Rows").EnumerateArray().Select(r => new CodeInput
        {
            Top = r.GetProperty("Top").EnumerateArray().Select(v => v.GetInt64()).ToArray(),
            Bottom = r.GetProperty("Bottom").EnumerateArray().Select(v => v.GetInt64()).ToArray(),
        }).ToArray();
        Assert.All(rows.SelectMany(r => r.Top.Concat(r.Bottom)), c => Assert.InRange(c, 0, TinyModels.Codes - 1));
        var expected = root.GetProperty("Rows").EnumerateArray().Select(r => r.GetProperty("Image").EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToArray();
        Assert.All(Enumerable.Range(0, rows.Length), i => GenerativePipelineTests.AssertClose(
            rows[i].Bottom.Select(c => TinyModels.Level((int)c) + TinyModels.Level((int)rows[i].Top[0])).ToArray(), expected[i]));
        var data = _ml.Data.LoadFromEnumerable(rows);
        foreach (var loaded in new[] { _ml.Model.Load(written.ZipPath, out _), _ml.Model.LoadGenerative(written.ZipPath, out _) })
        {
            var images = loaded.Transform(data).GetColumn<float[]>(PlainMlNetModel.ImageColumn).ToArray();
            Assert.All(Enumerable.Range(0, rows.Length), i => GenerativePipelineTests.AssertClose(expected[i], images[i]));
        }

        Assert.Contains("CodeRow { [VectorType(1, 1)] long[] Top; [VectorType(2, 2)] long[] Bottom }", written.CardSection());
    }

    [Fact]
    public void A_folder_without_a_generator_decoder_or_translator_is_refused_listing_what_it_holds()
    {
        TinyModels.Encoder(_temp.Path);

        var error = Assert.Throws<InvalidDataException>(() => PlainMlNetModel.Write(_temp.Path));

        Assert.Contains("tiny-encoder.onnx (encoder)", error.Message);
    }

    // Nearest-neighbour ×2 of a planar 3×4×4 image: what the tiny upscaler computes.
    private static float[] NearestTwice(float[] source) =>
        Enumerable.Range(0, 3 * 8 * 8).Select(i => source[(i / 64 * 16) + (i % 64 / 8 / 2 * 4) + (i % 8 / 2)]).ToArray();

    public void Dispose() => _temp.Dispose();

    public sealed class Input
    {
        [VectorType(2)]
        public float[] Z { get; set; } = [];

        public int Label { get; set; }
    }

    public sealed class CodeInput
    {
        [VectorType(1, 1)]
        public long[] Top { get; set; } = [];

        [VectorType(2, 2)]
        public long[] Bottom { get; set; } = [];
    }

    public sealed class SourceInput
    {
        [VectorType(3, 4, 4)]
        public float[] Source { get; set; } = [];
    }
}
