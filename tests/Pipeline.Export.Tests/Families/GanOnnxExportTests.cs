using Pipeline.Data;
using Pipeline.Export.Families;
using Pipeline.Models.Gans;
using Pipeline.Models.Layers;
using Pipeline.Onnx;
using static Pipeline.Export.Tests.ExportHarness;
using static TorchSharp.torch;

namespace Pipeline.Export.Tests.Families;

[Collection(ProcessWideSeedCollection.Name)]
public sealed class GanOnnxExportTests
{
    [Fact]
    public void Conditional_generator_with_attention_matches_torchsharp_for_every_class()
    {
        // Given: a small class-conditional generator whose batch-norm statistics and per-class γ, β are not trivial.
        manual_seed(4);
        using var generator = new DcganGenerator(GanOptions.ConditionalFashion28 with { LatentSize = 16, GeneratorWidth = 8, AttentionResolution = 14 });
        Perturb(generator);

        // When
        var report = GanOnnxExport.Export(generator, Path.Combine(Folder, "cgan"), "run-g", classNames: FashionMnist.ClassNames);

        // Then: parity on random z and labels over batches 1 and 5 (the exporter fails the export otherwise).
        Assert.InRange(report.MaxAbsDifference["image"], 0, 1e-4);
        OnnxChecker.AssertValid(report.Path);
        var metadata = OnnxModelMetadata.FromProperties(OnnxFile.Metadata(OnnxFile.Read(report.Path)));
        Assert.Equal(("cgan", OnnxMetadataKeys.Roles.Generator, 10, 16), (metadata.ModelFamily, metadata.Role, metadata.ClassCount, metadata.LatentSize));
        Assert.Equal((0.0, 1.0), metadata.ValueRange);
        Assert.Equal(FashionMnist.ClassNames, metadata.ClassNames);
        Assert.False(generator.training, "export must leave the generator in the mode it found it");
        using var stillUsable = generator.call(randn(2, 16), zeros(2, ScalarType.Int64)); // and its weights alive
    }

    [Fact]
    public void Unconditional_generator_ignores_the_label_input()
    {
        manual_seed(5);
        using var generator = new DcganGenerator(GanOptions.Unconditional28 with { LatentSize = 8, GeneratorWidth = 8 });
        Perturb(generator);

        var report = GanOnnxExport.Export(generator, Path.Combine(Folder, "gan"), "run-u");

        Assert.InRange(report.MaxAbsDifference["image"], 0, 1e-4);
        OnnxChecker.AssertValid(report.Path);
        Assert.Null(OnnxModelMetadata.FromProperties(OnnxFile.Metadata(OnnxFile.Read(report.Path))).ClassCount);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Spectral_norm_folds_into_a_plain_weight(bool convolution)
    {
        // Given: power iterations have moved u, as in training; eval mode then uses the stored u.
        manual_seed(6);
        using var layer = convolution ? SpectralNorm.Conv2d(3, 5, 4, stride: 2, padding: 1) : SpectralNorm.Linear(12, 7);
        for (var i = 0; i < 5; i++)
        {
            layer.PowerIteration();
        }

        var report = ExportChecked(layer, convolution ? [3, 8, 8] : [12], convolution ? "sn-conv" : "sn-linear");

        Assert.InRange(report.MaxAbsDifference["output"], 0, 1e-4);
    }

    [Fact]
    public void Self_attention_with_spectral_norm_matches_torchsharp()
    {
        manual_seed(7);
        using var attention = new SelfAttention2d(16, spectralNorm: true);
        using (no_grad())
        {
            attention.Gamma.fill_(0.7); // γ starts at 0, which would hide the attention path
        }

        var report = ExportChecked(attention, [16, 6, 6], "attention");

        Assert.InRange(report.MaxAbsDifference["output"], 0, 1e-4);
    }

    // Trains nothing: moves batch-norm running statistics and the per-class γ, β away from their initial values.
    internal static void Perturb(DcganGenerator generator)
    {
        using var scope = NewDisposeScope();
        generator.train();
        using (no_grad())
        {
            for (var i = 0; i < 3; i++)
            {
                generator.call(randn(8, generator.Options.LatentSize), randint(0, Math.Max(generator.Options.ClassCount, 1), [8], ScalarType.Int64));
            }

            foreach (var (name, parameter) in generator.named_parameters().Where(p => p.name.Contains("gamma") || p.name.Contains("beta")))
            {
                parameter.add_(randn_like(parameter) * 0.3);
            }
        }

        generator.eval();
    }
}
