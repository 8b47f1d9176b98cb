using Google.Protobuf;
using Pipeline.Export.Families;
using Pipeline.MLNet.Sampling;
using Pipeline.Models.PixelCnn;
using Pipeline.Onnx;
using Pipeline.Onnx.Proto;
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
    public void Band_of_receptive_field_rows_draws_the_whole_grid_grids()
    {
        // Given: a 9×4 pixel model whose logits reach 3 rows up (kernels 3: 1 + 1 + 1), so a band of 4 rows is less than the grid.
        using var net = new PixelCnn(new PixelCnnOptions(Height: 9, Width: 4, Channels: 8, Layers: 3, FirstKernelSize: 3, OutputChannels: 8, ClassCount: 2));
        RandomiseClassBiases(net);
        var path = PixelCnnOnnxExport.Export(net, _temp.File("deep"), "run-band").Path;
        long[] seeds = [1, 2, 3];
        long[] labels = [0, 1, 1];
        var sampling = new CategoricalSampling(0.8, 50);

        // When: sampled on bands (the file's receptive field), on the whole grid, and by TorchSharp.
        using var banded = AutoregressiveOnnxSampler.Load(path, OnnxRuntimeOptions.Default with { BatchSize = 2 });
        using var whole = AutoregressiveOnnxSampler.Load(path, OnnxRuntimeOptions.Default with { BatchSize = 2 }, rowsAbove: 9);
        var expected = TorchSharpGrids(net, seeds, labels, null, sampling);

        // Then: the same levels everywhere.
        Assert.Equal((3, null), (banded.RowsAbove, whole.RowsAbove));
        Assert.Equal(expected, whole.Sample(seeds, labels, default, sampling));
        Assert.Equal(expected, banded.Sample(seeds, labels, default, sampling));
    }

    [Theory]
    [InlineData(8, 4)]
    [InlineData(7, 4)]
    public void Bands_of_a_conditioned_prior_read_the_condition_rows_they_upsample(int height, int conditionHeight)
    {
        // Given: a bottom prior over height×3 codes given conditionHeight×2 codes (×2 exactly, and 7 over 4 whose nearest
        // map shifts by whole rows only from some rows), reaching 2 rows up.
        using var net = new PixelCnn(PixelCnnOptions.ConditionedCodePrior(16, height, 3, 8, conditionHeight, 2, classCount: 0) with
        {
            Channels = 8, Layers = 2, FirstKernelSize = 3, OutputChannels = 8, InputEmbeddingSize = 4, ConditionEmbeddingSize = 4,
        });
        var path = PixelCnnOnnxExport.Export(net, _temp.File($"bottom-{height}"), "run-band", modelFamily: "vqvae2", fileName: "bottom-prior.onnx").Path;
        long[] seeds = [5, 6];
        var random = new Random(9);
        var condition = Enumerable.Range(0, seeds.Length * conditionHeight * 2).Select(_ => (long)random.Next(8)).ToArray();
        var sampling = new CategoricalSampling();

        using var banded = AutoregressiveOnnxSampler.Load(path);
        using var whole = AutoregressiveOnnxSampler.Load(path, rowsAbove: int.MaxValue);
        var expected = TorchSharpGrids(net, seeds, null, condition, sampling);

        Assert.Equal(2, banded.RowsAbove);
        Assert.Equal(expected, whole.Sample(seeds, null, condition, sampling));
        Assert.Equal(expected, banded.Sample(seeds, null, condition, sampling));
    }

    [Fact]
    public void A_band_smaller_than_the_receptive_field_is_refused()
    {
        using var net = new PixelCnn(new PixelCnnOptions(Height: 6, Width: 3, Channels: 4, Layers: 2, FirstKernelSize: 5, OutputChannels: 4, ClassCount: 0));
        var path = PixelCnnOnnxExport.Export(net, _temp.File("narrow"), "run-narrow").Path;

        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => AutoregressiveOnnxSampler.Load(path, rowsAbove: 2));

        Assert.Contains("depend on the 3 rows above it", refused.Message);
        Assert.Contains(OnnxMetadataKeys.Autoregressive.ReceptiveFieldRows, refused.Message);
    }

    [Fact]
    public void Exports_without_the_receptive_field_run_on_the_whole_grid()
    {
        // Given: an export as older exporters wrote it: fixed rows and no receptive-field key (onnx/ holds such files).
        using var net = new PixelCnn(new PixelCnnOptions(Height: 6, Width: 3, Channels: 4, Layers: 2, FirstKernelSize: 3, OutputChannels: 4, ClassCount: 2));
        RandomiseClassBiases(net);
        var path = PixelCnnOnnxExport.Export(net, _temp.File("older"), "run-older").Path;
        AsOlderExport(path, height: 6);
        long[] seeds = [4, 5];
        long[] labels = [1, 0];
        var sampling = new CategoricalSampling();

        using var sampler = AutoregressiveOnnxSampler.Load(path);
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => AutoregressiveOnnxSampler.Load(path, rowsAbove: 2));

        Assert.Null(sampler.RowsAbove);
        Assert.Equal(TorchSharpGrids(net, seeds, labels, null, sampling), sampler.Sample(seeds, labels, default, sampling));
        Assert.Contains("does not state its receptive field", refused.Message);
    }

    [Fact]
    public void A_receptive_field_on_a_graph_of_fixed_height_is_named()
    {
        using var net = new PixelCnn(new PixelCnnOptions(Height: 4, Width: 3, Channels: 4, Layers: 2, FirstKernelSize: 3, OutputChannels: 4, ClassCount: 0));
        var path = PixelCnnOnnxExport.Export(net, _temp.File("fixed"), "run-fixed").Path;
        var model = OnnxFile.Read(path);
        model.Graph.Input.Single(i => i.Name == "grid").Type.TensorType.Shape.Dim[1] = new TensorShapeProto.Types.Dimension { DimValue = 4 };
        File.WriteAllBytes(path, model.ToByteArray());

        var error = Assert.Throws<InvalidDataException>(() => AutoregressiveOnnxSampler.Load(path));

        Assert.Contains("dimension 1 of 'grid' is 4, not the symbolic 'grid_rows'", error.Message);
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

    internal static long[] TorchSharpGrids(PixelCnn net, long[] seeds, long[]? labels, long[]? condition, CategoricalSampling sampling)
    {
        using var scope = NewDisposeScope();
        var o = net.Options;
        var conditionTensor = condition is null ? null : tensor(condition, [seeds.Length, o.ConditionHeight, o.ConditionWidth]);
        using var grid = PixelCnnSampler.Sample(net, seeds, labels is null ? null : tensor(labels), conditionTensor, sampling, CPU);
        return grid.reshape(-1).data<long>().ToArray();
    }

    // Removes the receptive-field key and fixes the symbolic rows, as exports before bands were written.
    private static void AsOlderExport(string path, int height)
    {
        var model = OnnxFile.Read(path);
        model.MetadataProps.Remove(model.MetadataProps.Single(p => p.Key == OnnxMetadataKeys.Autoregressive.ReceptiveFieldRows));
        foreach (var (value, axis) in new[] { (model.Graph.Input.Single(i => i.Name == "grid"), 1), (model.Graph.Output.Single(o => o.Name == "logits"), 2) })
        {
            value.Type.TensorType.Shape.Dim[axis] = new TensorShapeProto.Types.Dimension { DimValue = height };
        }

        File.WriteAllBytes(path, model.ToByteArray());
    }

    internal static void RandomiseClassBiases(PixelCnn net)
    {
        using var noGrad = no_grad();
        foreach (var layer in net.Layers.Where(l => l.ClassVertical is not null))
        {
            layer.ClassVertical!.weight!.normal_();
            layer.ClassHorizontal!.weight!.normal_();
        }
    }
}
