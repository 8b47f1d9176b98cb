using Microsoft.ML;
using Microsoft.ML.Data;

namespace Pipeline.MLNet.Tests;

/// <summary>A class-conditional generator (float latent + int64 class input) saved and loaded: issue 13's failing case.</summary>
public sealed class ClassConditionalSavingTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly MLContext _ml = new(seed: 0);

    [Fact]
    public void A_generator_with_an_int32_label_saves_and_runs_row_by_row_with_the_same_images()
    {
        // Given
        var file = TinyModels.Generator(_temp.Path);
        var rows = Rows(7);
        var data = _ml.Data.LoadFromEnumerable(rows);
        var model = _ml.Transforms.GenerateImages("Image", file, nameof(LabelledLatent.Z), labelColumnName: nameof(LabelledLatent.Label), batchSize: 3).Fit(data);

        // When
        var (plain, batched) = SavedModelAssert.RoundTrips(_ml, model, data, _temp.File("generator.zip"));

        // Then: the images are the hand-computed ones, one row of [1, 2, 2] each, through every load
        var images = model.Transform(data).GetColumn<float[]>("Image").ToArray();
        Assert.All(Enumerable.Range(0, rows.Length), i => GenerativePipelineTests.AssertClose(TinyModels.Generated(rows[i].Z, rows[i].Label), images[i]));
        Assert.Equal([1, 2, 2], ((VectorDataViewType)plain.GetOutputSchema(data.Schema)["Image"].Type).Dimensions.ToArray());
        foreach (var loaded in new[] { plain, batched })
        {
            var engine = _ml.Model.CreatePredictionEngine<LabelledLatent, GeneratedImage>(loaded);
            Assert.All(rows, r => GenerativePipelineTests.AssertClose(TinyModels.Generated(r.Z, r.Label), engine.Predict(r).Image));
        }
    }

    [Fact]
    public void A_key_label_column_means_the_same_class_after_saving()
    {
        // Given labels as keys (1-based raw values)
        var file = TinyModels.Generator(_temp.Path);
        var data = _ml.Data.LoadFromEnumerable(Rows(6));
        var keyed = _ml.Transforms.Conversion.MapValueToKey("Class", nameof(LabelledLatent.Label)).Fit(data).Transform(data);
        var model = _ml.Transforms.GenerateImages("Image", file, nameof(LabelledLatent.Z), labelColumnName: "Class").Fit(keyed);

        // When, then
        SavedModelAssert.RoundTrips(_ml, model, keyed, _temp.File("keyed.zip"));
    }

    public void Dispose() => _temp.Dispose();

    private static LabelledLatent[] Rows(int count)
    {
        var random = new Random(4);
        return Enumerable.Range(0, count).Select(i => new LabelledLatent
        {
            Z = [(float)(random.NextDouble() * 2) - 1, (float)(random.NextDouble() * 2) - 1],
            Label = i % TinyModels.Classes,
        }).ToArray();
    }

    public sealed class LabelledLatent
    {
        [VectorType(2)]
        public float[] Z { get; set; } = [];

        public int Label { get; set; }
    }

    public sealed class GeneratedImage
    {
        public float[] Image { get; set; } = [];
    }
}
