using Microsoft.ML;
using Microsoft.ML.Data;

namespace Pipeline.MLNet.Tests;

/// <summary>An int64 code grid [batch, H, W] (VQ-VAE-2's codes) as a graph input: read, batched, saved and loaded.</summary>
public sealed class IndexGridTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly MLContext _ml = new(seed: 0);

    [Fact]
    public void A_code_grid_column_decodes_to_its_table_entries_batched_saved_and_loaded()
    {
        // Given grids of codes 0..3 and a decoder that looks each code up
        var file = TinyModels.GridDecoder(_temp.Path);
        var rows = Enumerable.Range(0, 9).Select(i => new CodeGrid { Codes = [i % 4, (i + 1) % 4, (i + 2) % 4, (i * 3) % 4] }).ToArray();
        var data = _ml.Data.LoadFromEnumerable(rows);

        // When
        var model = _ml.Transforms.GenerateImages("Image", file, nameof(CodeGrid.Codes), batchSize: 4).Fit(data);
        var (plain, _) = SavedModelAssert.RoundTrips(_ml, model, data, _temp.File("grid.zip"));

        // Then
        var images = model.Transform(data).GetColumn<float[]>("Image").ToArray();
        Assert.All(Enumerable.Range(0, rows.Length), i => GenerativePipelineTests.AssertClose(rows[i].Codes.Select(c => TinyModels.Level((int)c)).ToArray(), images[i]));
        var engine = _ml.Model.CreatePredictionEngine<CodeGrid, DecodedImage>(plain);
        GenerativePipelineTests.AssertClose(images[5], engine.Predict(rows[5]).Image);
    }

    [Fact]
    public void An_int32_grid_is_accepted_like_an_int64_one()
    {
        var file = TinyModels.GridDecoder(_temp.Path);
        var data = _ml.Data.LoadFromEnumerable(new[] { new SmallCodeGrid { Codes = [3, 2, 1, 0] } });

        var model = _ml.Transforms.GenerateImages("Image", file, nameof(SmallCodeGrid.Codes)).Fit(data);

        GenerativePipelineTests.AssertClose([1f, 2f / 3, 1f / 3, 0f], model.Transform(data).GetColumn<float[]>("Image").Single());
        SavedModelAssert.RoundTrips(_ml, model, data, _temp.File("int32-grid.zip"));
    }

    [Fact]
    public void A_grid_of_the_wrong_size_is_refused_naming_the_column_and_the_input()
    {
        var file = TinyModels.GridDecoder(_temp.Path);
        var data = _ml.Data.LoadFromEnumerable(new[] { new WrongGrid() });

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.GenerateImages("Image", file, nameof(WrongGrid.Codes)).Fit(data));

        Assert.Contains("'Codes'", error.Message);
        Assert.Contains("Vector<Int64, 4>", error.Message);
        Assert.Contains("'codes' [batch, 2, 2]", error.Message);
    }

    public void Dispose() => _temp.Dispose();

    public sealed class CodeGrid
    {
        [VectorType(2, 2)]
        public long[] Codes { get; set; } = [];
    }

    public sealed class SmallCodeGrid
    {
        [VectorType(4)]
        public int[] Codes { get; set; } = [];
    }

    public sealed class WrongGrid
    {
        [VectorType(3)]
        public long[] Codes { get; set; } = [0, 1, 2];
    }

    public sealed class DecodedImage
    {
        public float[] Image { get; set; } = [];
    }
}
