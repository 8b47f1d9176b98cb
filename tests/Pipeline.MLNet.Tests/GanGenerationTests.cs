using Microsoft.ML;
using Microsoft.ML.Data;
using Pipeline.Export.Families;
using Pipeline.Models.Gans;
using static TorchSharp.torch;

namespace Pipeline.MLNet.Tests;

public sealed class GanGenerationTests : IDisposable
{
    private const int Latent = 16;
    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("pipeline-mlnet-gan-").FullName;
    private readonly MLContext _ml = new(seed: 0);

    [Fact]
    public void Generating_with_a_label_column_gives_torchsharps_images_for_the_same_latents()
    {
        // Given: a small class-conditional generator with warmed batch-norm statistics, exported.
        manual_seed(9);
        using var generator = new DcganGenerator(GanOptions.ConditionalFashion28 with { LatentSize = Latent, GeneratorWidth = 8 });
        using (no_grad())
        {
            generator.train();
            generator.call(randn(16, Latent), randint(0, 10, [16], ScalarType.Int64)).Dispose();
            generator.eval();
        }

        var file = GanOnnxExport.Export(generator, _directory, "mlnet-gan").Path;
        OnnxChecker.AssertValid(file);
        var random = new Random(3);
        var rows = Enumerable.Range(0, 70).Select(i => new LabelledLatent
        {
            Z = Enumerable.Range(0, Latent).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray(),
            Label = i % 10,
        }).ToArray();

        // When
        var data = _ml.Data.LoadFromEnumerable(rows);
        var generated = _ml.Transforms.GenerateImages("Image", file, "Z", labelColumnName: "Label", batchSize: 32).Fit(data).Transform(data);
        var images = generated.GetColumn<float[]>("Image").ToArray();

        // Then
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var z = tensor(rows.SelectMany(r => r.Z).ToArray(), [rows.Length, Latent]);
        var labels = tensor(rows.Select(r => (long)r.Label).ToArray());
        var expected = DcganGenerator.ToUnitRange(generator.call(z, labels)).reshape(rows.Length, -1).data<float>().ToArray();
        var actual = images.SelectMany(i => i).ToArray();
        Assert.Equal(expected.Length, actual.Length);
        Assert.InRange(expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max(), 0, 1e-4);
    }

    [Fact]
    public void A_conditional_generator_without_a_label_column_is_refused_by_name()
    {
        manual_seed(9);
        using var generator = new DcganGenerator(GanOptions.ConditionalFashion28 with { LatentSize = Latent, GeneratorWidth = 8 });
        var file = GanOnnxExport.Export(generator, _directory, "mlnet-gan").Path;
        var data = _ml.Data.LoadFromEnumerable(new[] { new LabelledLatent { Z = new float[Latent] } });

        var error = Assert.ThrowsAny<ArgumentException>(() => _ml.Transforms.GenerateImages("Image", file, "Z").Fit(data));

        Assert.Contains("class-conditional", error.Message);
        Assert.Contains("LabelColumnName", error.Message);
    }

    public void Dispose() => System.IO.Directory.Delete(_directory, recursive: true);

    public sealed class LabelledLatent
    {
        [VectorType(Latent)]
        public float[] Z { get; set; } = [];

        public int Label { get; set; }
    }
}
