using Google.Protobuf;
using Pipeline.Export.Families;
using Pipeline.MLNet.Sampling;
using Pipeline.Models.PixelCnn;
using Pipeline.Onnx;
using Pipeline.Onnx.Sampling;
using static Pipeline.MLNet.Tests.Sampling.AutoregressiveOnnxSamplerTests;

namespace Pipeline.MLNet.Tests.Sampling;

/// <summary>
/// Classifier-free guidance from a PixelCNN trained with class dropout: ONNX Runtime draws TorchSharp's guided grids,
/// guidance 0 is the "no class" model, and a model without that label refuses guidance by name on both engines.
/// </summary>
public sealed class GuidedSamplingTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Theory]
    [InlineData(2.5, 2)]
    [InlineData(0.5, 1)]
    public void Guided_pixel_model_draws_the_torchsharp_grids(double guidance, int batch)
    {
        // Given: a class-conditional PixelCNN with a "no class" label (random biases for every label), exported.
        using var net = new PixelCnn(new PixelCnnOptions(Height: 5, Width: 4, Channels: 8, Layers: 3, FirstKernelSize: 3, OutputChannels: 8, ClassCount: 3, UnconditionalLabel: true));
        RandomiseClassBiases(net);
        var path = PixelCnnOnnxExport.Export(net, _temp.File("pixels"), "run-guided").Path;
        long[] seeds = [3, 3, 11];
        long[] labels = [0, 2, 1];
        var sampling = new CategoricalSampling(0.9, Guidance: guidance);

        // When: sampled with guidance by TorchSharp and by ONNX Runtime.
        var expected = TorchSharpGrids(net, seeds, labels, null, sampling);
        using var sampler = AutoregressiveOnnxSampler.Load(path, OnnxRuntimeOptions.Default with { BatchSize = batch });

        // Then: the same levels, which guidance changed.
        Assert.Equal(expected, sampler.Sample(seeds, labels, default, sampling));
        Assert.NotEqual(TorchSharpGrids(net, seeds, labels, null, sampling with { Guidance = 1 }), expected);
        Assert.Equal(3, sampler.UnconditionalLabel);
    }

    [Fact]
    public void Guided_code_prior_with_a_condition_grid_draws_the_torchsharp_grids()
    {
        using var net = new PixelCnn(PixelCnnOptions.ConditionedCodePrior(32, 5, 3, 16, 3, 2, classCount: 2) with
        {
            Channels = 8, Layers = 3, OutputChannels = 8, InputEmbeddingSize = 4, ConditionEmbeddingSize = 6, UnconditionalLabel = true,
        });
        RandomiseClassBiases(net);
        var path = PixelCnnOnnxExport.Export(net, _temp.File("bottom"), "run-guided", modelFamily: "vqvae2", fileName: "bottom-prior.onnx").Path;
        long[] seeds = [7, 8, 9];
        long[] labels = [1, 0, 1];
        var random = new Random(4);
        var condition = Enumerable.Range(0, seeds.Length * 6).Select(_ => (long)random.Next(16)).ToArray();
        var sampling = new CategoricalSampling(Guidance: 3);

        using var sampler = AutoregressiveOnnxSampler.Load(path, OnnxRuntimeOptions.Default with { BatchSize = 2 });

        Assert.Equal(TorchSharpGrids(net, seeds, labels, condition, sampling), sampler.Sample(seeds, labels, condition, sampling));
    }

    [Fact]
    public void Guidance_zero_draws_what_the_no_class_label_draws()
    {
        // ℓ∅ + 0·(ℓ_class − ℓ∅) is ℓ∅ exactly: whatever the class asked for, the grids are the unconditional model's.
        using var net = new PixelCnn(new PixelCnnOptions(Height: 4, Width: 4, Channels: 8, Layers: 2, FirstKernelSize: 3, OutputChannels: 8, ClassCount: 2, UnconditionalLabel: true));
        RandomiseClassBiases(net);
        var path = PixelCnnOnnxExport.Export(net, _temp.File("zero"), "run-zero").Path;
        long[] seeds = [1, 2];
        using var sampler = AutoregressiveOnnxSampler.Load(path);

        var unconditional = sampler.Sample(seeds, [2, 2], default, new CategoricalSampling());

        Assert.Equal(unconditional, sampler.Sample(seeds, [0, 1], default, new CategoricalSampling(Guidance: 0)));
        Assert.Equal(unconditional, TorchSharpGrids(net, seeds, [1, 0], null, new CategoricalSampling(Guidance: 0)));
        Assert.NotEqual(unconditional, sampler.Sample(seeds, [0, 1], default, new CategoricalSampling()));
    }

    [Fact]
    public void A_model_without_the_no_class_label_refuses_guidance_by_name()
    {
        using var net = new PixelCnn(new PixelCnnOptions(Height: 3, Width: 3, Channels: 4, Layers: 2, FirstKernelSize: 3, OutputChannels: 4, ClassCount: 2));
        var path = PixelCnnOnnxExport.Export(net, _temp.File("plain"), "run-plain").Path;
        using var sampler = AutoregressiveOnnxSampler.Load(path);
        var guided = new CategoricalSampling(Guidance: 2);

        var onnx = Assert.Throws<ArgumentException>(() => sampler.Sample([1], [0], default, guided));
        var torch = Assert.Throws<ArgumentException>(() => TorchSharpGrids(net, [1], [0], null, guided));
        var label = Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Sample([1], [2], default, new CategoricalSampling()));

        Assert.Contains("class dropout", onnx.Message);
        Assert.Contains("--class-dropout", torch.Message);
        Assert.Contains("outside [0, 1]", label.Message);
        Assert.Null(sampler.UnconditionalLabel);
    }

    [Fact]
    public void A_no_class_label_other_than_the_class_count_is_refused()
    {
        using var net = new PixelCnn(new PixelCnnOptions(Height: 3, Width: 3, Channels: 4, Layers: 2, FirstKernelSize: 3, OutputChannels: 4, ClassCount: 2, UnconditionalLabel: true));
        var path = PixelCnnOnnxExport.Export(net, _temp.File("tampered"), "run-tampered").Path;
        var model = OnnxFile.Read(path);
        Assert.Equal("2", model.MetadataProps.Single(p => p.Key == OnnxMetadataKeys.Autoregressive.UnconditionalLabel).Value);
        model.MetadataProps.Single(p => p.Key == OnnxMetadataKeys.Autoregressive.UnconditionalLabel).Value = "0";
        File.WriteAllBytes(path, model.ToByteArray());

        var error = Assert.Throws<InvalidDataException>(() => AutoregressiveOnnxSampler.Load(path));

        Assert.Contains("must be the class count (2)", error.Message);
    }

    public void Dispose() => _temp.Dispose();
}
