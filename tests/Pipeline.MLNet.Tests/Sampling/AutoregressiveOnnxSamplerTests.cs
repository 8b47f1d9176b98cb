using Pipeline.Export.Families;
using Pipeline.MLNet.Sampling;
using Pipeline.Models.PixelCnn;
using Pipeline.Onnx.Sampling;
using Pipeline.Training.PixelCnn;
using static TorchSharp.torch;

namespace Pipeline.MLNet.Tests.Sampling;

/// <summary>
/// ONNX Runtime's ancestral sampling from an exported PixelCNN draws exactly the grids TorchSharp's
/// <see cref="PixelCnnSampler"/> draws for the same seeds, labels, condition grid and sampling settings, batched or not.
/// </summary>
public sealed class AutoregressiveOnnxSamplerTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public static TheoryData<double, int?, double?> Samplings => new()
    {
        { 1.0, null, null },
        { 0.7, 20, 0.9 },
    };

    [Theory]
    [MemberData(nameof(Samplings))]
    public void Class_conditional_pixel_model_draws_the_torchsharp_grids(double temperature, int? topK, double? topP)
    {
        // Given: a random-initialised class-conditional PixelCNN over 5×4 grey images, exported.
        using var net = new PixelCnn(new PixelCnnOptions(Height: 5, Width: 4, Channels: 8, Layers: 3, FirstKernelSize: 3, OutputChannels: 8, ClassCount: 3));
        RandomiseClassBiases(net);
        var path = PixelCnnOnnxExport.Export(net, _temp.File("pixels"), "run-ort").Path;
        long[] seeds = [3, 3, 11, -5, 1L << 40];
        long[] labels = [0, 2, 1, 2, 0];
        var sampling = new CategoricalSampling(temperature, topK, topP);

        // When: sampled by TorchSharp, and by ONNX Runtime in batches of 2 (a short last batch) and of 1.
        var expected = TorchSharpGrids(net, seeds, labels, null, sampling);
        using var batched = AutoregressiveOnnxSampler.Load(path, OnnxRuntimeOptions.Default with { BatchSize = 2 });
        using var single = AutoregressiveOnnxSampler.Load(path, OnnxRuntimeOptions.Default with { BatchSize = 1 });

        // Then: the same levels at every position.
        Assert.Equal(expected, batched.Sample(seeds, labels, default, sampling));
        Assert.Equal(expected, single.Sample(seeds, labels, default, sampling));
        Assert.Equal((256, 5, 4, 3), (batched.Levels, batched.Height, batched.Width, batched.ClassCount));
        Assert.True(expected.Distinct().Count() > 10, "a random-initialised PixelCNN samples spread-out grey levels");
    }

    [Fact]
    public void Code_prior_with_a_condition_grid_draws_the_torchsharp_grids()
    {
        // Given: a bottom prior over 5×3 codes conditioned on 3×2 codes and a class.
        using var net = new PixelCnn(PixelCnnOptions.ConditionedCodePrior(32, 5, 3, 16, 3, 2, classCount: 2) with
        {
            Channels = 8, Layers = 3, OutputChannels = 8, InputEmbeddingSize = 4, ConditionEmbeddingSize = 6,
        });
        RandomiseClassBiases(net);
        var path = PixelCnnOnnxExport.Export(net, _temp.File("bottom"), "run-ort", modelFamily: "vqvae2", fileName: "bottom-prior.onnx").Path;
        long[] seeds = [7, 8, 9];
        long[] labels = [1, 0, 1];
        var random = new Random(4);
        var condition = Enumerable.Range(0, seeds.Length * 6).Select(_ => (long)random.Next(16)).ToArray();
        var sampling = new CategoricalSampling(0.9);

        var expected = TorchSharpGrids(net, seeds, labels, condition, sampling);
        using var sampler = AutoregressiveOnnxSampler.Load(path, OnnxRuntimeOptions.Default with { BatchSize = 2 });

        Assert.Equal(expected, sampler.Sample(seeds, labels, condition, sampling));
        Assert.Equal((16, 3, 2), sampler.ConditionShape);
    }

    [Fact]
    public void Bad_labels_and_condition_codes_are_named()
    {
        using var net = new PixelCnn(PixelCnnOptions.ConditionedCodePrior(8, 2, 2, 4, 1, 1, classCount: 2) with { Channels = 4, Layers = 2, OutputChannels = 4 });
        var path = PixelCnnOnnxExport.Export(net, _temp.File("bad"), "run-bad", modelFamily: "vqvae2", fileName: "bottom-prior.onnx").Path;
        using var sampler = AutoregressiveOnnxSampler.Load(path);
        var sampling = new CategoricalSampling();

        var label = Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Sample([1], [2], new long[] { 0 }, sampling));
        var code = Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Sample([1], [1], new long[] { 4 }, sampling));
        var missing = Assert.Throws<ArgumentException>(() => sampler.Sample([1, 2], [1, 1], new long[] { 0 }, sampling));

        Assert.Contains("class label 2 is outside [0, 1]", label.Message);
        Assert.Contains("code 4 is outside [0, 3]", code.Message);
        Assert.Contains("1x1 condition grid", missing.Message);
    }

    public void Dispose() => _temp.Dispose();

    private static long[] TorchSharpGrids(PixelCnn net, long[] seeds, long[] labels, long[]? condition, CategoricalSampling sampling)
    {
        using var scope = NewDisposeScope();
        var o = net.Options;
        var conditionTensor = condition is null ? null : tensor(condition, [seeds.Length, o.ConditionHeight, o.ConditionWidth]);
        using var grid = PixelCnnSampler.Sample(net, seeds, tensor(labels), conditionTensor, sampling, CPU);
        return grid.reshape(-1).data<long>().ToArray();
    }

    private static void RandomiseClassBiases(PixelCnn net)
    {
        using var noGrad = no_grad();
        foreach (var layer in net.Layers.Where(l => l.ClassVertical is not null))
        {
            layer.ClassVertical!.weight!.normal_();
            layer.ClassHorizontal!.weight!.normal_();
        }
    }
}
