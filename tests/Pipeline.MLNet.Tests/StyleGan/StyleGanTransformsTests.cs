using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using Microsoft.ML.Transforms.Onnx;
using Pipeline.Export.Families;
using Pipeline.Models.Gans;
using Pipeline.Models.StyleGan;
using static TorchSharp.torch;
using Names = Pipeline.Onnx.StyleGanExportFolder;

namespace Pipeline.MLNet.Tests.StyleGan;

public sealed class StyleGanTransformsTests(StyleGanFixture stylegan) : IClassFixture<StyleGanFixture>
{
    private const float Tolerance = 1e-4f;
    private readonly MLContext _ml = new(seed: 2);

    [Fact]
    public void GenerateImages_runs_the_one_call_generator_with_its_default_truncation()
    {
        // Given: 70 labelled latents (several batches of 32 and a partial one).
        var rows = StyleGanFixture.RandomRows(70, seed: 1);
        var data = _ml.Data.LoadFromEnumerable(rows);

        // When: the generator.onnx is run exactly as a DCGAN export is.
        var images = _ml.Transforms.GenerateImages("Image", stylegan.Files.Generator.Path, nameof(StyleRow.Z), labelColumnName: nameof(StyleRow.Label), batchSize: 32)
            .Fit(data).Transform(data).GetColumn<float[]>("Image").ToArray();

        // Then: TorchSharp's Generate with the ψ the file was exported with.
        var expected = stylegan.Generated(rows, StyleGanFixture.DefaultTruncation);
        Assert.All(Enumerable.Range(0, rows.Length), i => GenerativePipelineTests.AssertClose(expected[i], images[i], Tolerance));
    }

    [Fact]
    public void An_unconditional_generator_needs_no_label_column()
    {
        // Given: an unconditional RGB export (no label input; ψ left at 1).
        manual_seed(62);
        using var generator = new StyleGenerator(StyleGanOptions.Rgb32 with { LatentSize = StyleGanFixture.Latent, StyleSize = 8, MappingLayers = 1, MaxWidth = 16, MinWidth = 8 });
        var file = StyleGanOnnxExport.Export(generator, stylegan.File("unconditional"), "mlnet-stylegan-u").Generator.Path;
        var rows = StyleGanFixture.RandomRows(5, seed: 5);
        var data = _ml.Data.LoadFromEnumerable(rows);

        // When
        var images = _ml.Transforms.GenerateImages("Image", file, nameof(StyleRow.Z)).Fit(data).Transform(data).GetColumn<float[]>("Image").ToArray();

        // Then
        generator.eval();
        generator.Synthesis.NoiseMode = NoiseMode.Fixed;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var z = tensor(rows.SelectMany(r => r.Z).ToArray(), [rows.Length, StyleGanFixture.Latent]);
        var expected = DcganGenerator.ToUnitRange(generator.Generate(z, null)).reshape(rows.Length, -1);
        Assert.All(Enumerable.Range(0, rows.Length), i => GenerativePipelineTests.AssertClose(expected[i].data<float>().ToArray(), images[i], Tolerance));
        Assert.Equal(3 * 32 * 32, images[0].Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void MapToStyle_gives_torchsharps_truncated_w(double? truncation)
    {
        var rows = StyleGanFixture.RandomRows(40, seed: 2);
        var data = _ml.Data.LoadFromEnumerable(rows);

        var w = _ml.Transforms.MapToStyle("W", stylegan.Files.Mapping.Path, nameof(StyleRow.Z), nameof(StyleRow.Label), truncation, batchSize: 16)
            .Fit(data).Transform(data);

        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, StyleGanFixture.Style), w.Schema["W"].Type);
        var expected = stylegan.Styles(rows, truncation ?? StyleGanFixture.DefaultTruncation);
        var actual = w.GetColumn<float[]>("W").ToArray();
        Assert.All(Enumerable.Range(0, rows.Length), i => GenerativePipelineTests.AssertClose(expected[i], actual[i], Tolerance));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(8)]
    public void MixStyles_gives_the_synthesis_of_the_mixed_styles(int crossover)
    {
        // Given: two w per row from the mapping network.
        var rows = StyleGanFixture.RandomRows(20, seed: 3);
        var data = _ml.Data.LoadFromEnumerable(rows);

        // When
        var output = Mixing(crossover).Fit(data).Transform(data);

        // Then: the image of Mix(ws₁, ws₂, crossover) through TorchSharp's synthesis, and a picture column beside it.
        var first = output.GetColumn<float[]>("Coarse").ToArray();
        var second = output.GetColumn<float[]>("Fine").ToArray();
        var expected = stylegan.Mixed(first, second, crossover);
        var actual = output.GetColumn<float[]>("Mixed").ToArray();
        Assert.All(Enumerable.Range(0, rows.Length), i => GenerativePipelineTests.AssertClose(expected[i], actual[i], Tolerance));
        Assert.Equal(new ImageDataViewType(32, 32), output.Schema["Picture"].Type);
    }

    [Fact]
    public void A_style_mixing_pipeline_saves_and_loads_with_the_same_outputs_and_is_batched_again()
    {
        var rows = StyleGanFixture.RandomRows(9, seed: 4);
        var data = _ml.Data.LoadFromEnumerable(rows);
        var model = Mixing(4).Fit(data);

        var (plain, batched) = SavedModelAssert.RoundTrips(_ml, model, data, stylegan.File("mixing.zip"));

        Assert.Equal(3, SavedModelAssert.Flatten(plain).Count(t => t is OnnxTransformer));
        Assert.Equal(3, SavedModelAssert.Flatten(batched).Count(t => t is GenerativeOnnxTransformer));
    }

    [Fact]
    public void A_style_column_of_the_wrong_size_is_refused_before_data_flows()
    {
        // Given: a 16-float w column where the synthesis takes Vector<Single, 16>, and a 10-float one.
        var data = _ml.Data.LoadFromEnumerable(new[] { new WrongRow() });
        var estimator = _ml.Transforms.MixStyles("Mixed", stylegan.Files.Synthesis.Path, nameof(WrongRow.Right), nameof(WrongRow.Short), crossover: 2);

        // When / Then
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(data));
        Assert.Contains($"'{nameof(WrongRow.Short)}'", error.Message);
        Assert.Contains("Vector<Single, 16>", error.Message);
        var missing = Assert.Throws<ArgumentOutOfRangeException>(() =>
            _ml.Transforms.MixStyles("Mixed", stylegan.Files.Synthesis.Path, nameof(WrongRow.Right), "Absent", crossover: 2).GetOutputSchema(VaeFixture.Shape(data.Schema)));
        Assert.Contains("'Absent'", missing.Message);
    }

    [Fact]
    public void Options_that_cannot_run_the_file_are_refused_by_name()
    {
        var synthesis = stylegan.Files.Synthesis.Path;
        var mapping = stylegan.Files.Mapping.Path;

        var crossover = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.MixStyles("Mixed", synthesis, "A", "B", crossover: 9));
        Assert.Contains("Crossover must be 0 to 8", crossover.Message);
        var label = Assert.Throws<ArgumentException>(() => _ml.Transforms.MapToStyle("W", mapping, nameof(StyleRow.Z)));
        Assert.Contains("LabelColumnName", label.Message);
        var role = Assert.Throws<InvalidDataException>(() => _ml.Transforms.MixStyles("Mixed", mapping, "A", "B", crossover: 2));
        Assert.Contains($"'{Names.MappingRole}', expected '{Names.SynthesisRole}'", role.Message);
    }

    private IEstimator<ITransformer> Mixing(int crossover) =>
        _ml.Transforms.MapToStyle("Coarse", stylegan.Files.Mapping.Path, nameof(StyleRow.Z), nameof(StyleRow.Label), truncation: 0.7, batchSize: 8)
            .Append(_ml.Transforms.MapToStyle("Fine", stylegan.Files.Mapping.Path, nameof(StyleRow.OtherZ), nameof(StyleRow.Label), batchSize: 8))
            .Append(_ml.Transforms.MixStyles("Mixed", stylegan.Files.Synthesis.Path, "Coarse", "Fine", crossover, imageColumnName: "Picture", batchSize: 8));

    private sealed class WrongRow
    {
        [VectorType(StyleGanFixture.Style)]
        public float[] Right { get; set; } = new float[StyleGanFixture.Style];

        [VectorType(10)]
        public float[] Short { get; set; } = new float[10];
    }
}
