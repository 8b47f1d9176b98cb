using TorchSharp;
using static Pipeline.Export.Tests.ExportHarness;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Export.Tests;

/// <summary>Each converter on a one-layer module: ONNX Runtime matches TorchSharp on batches 1 and 7, and the ONNX checker accepts the file.</summary>
[Collection(ProcessWideSeedCollection.Name)]
public sealed class ConverterParityTests
{
    public ConverterParityTests() => manual_seed(7);

    [Fact]
    public void Linear_on_matrices_becomes_gemm()
    {
        var report = ExportChecked(Linear(12, 5), [12], "linear");

        var gemm = SingleNode(report, "Gemm");
        Assert.Equal(1, gemm.Attribute.Single(a => a.Name == "transB").I);
        Assert.DoesNotContain(Nodes(report), n => n.OpType == "MatMul");
    }

    [Fact]
    public void Linear_on_sequences_becomes_matmul()
    {
        var report = ExportChecked(Linear(6, 4, hasBias: true), [3, 6], "linear3d");

        SingleNode(report, "MatMul");
        Assert.DoesNotContain(Nodes(report), n => n.OpType == "Gemm");
    }

    [Fact]
    public void Linear_without_bias() => ExportChecked(Linear(6, 4, hasBias: false), [6], "linear-nobias");

    [Fact]
    public void Conv2d_with_stride_odd_padding_groups_and_dilation() =>
        ExportChecked(Conv2d(4, 6, 3, stride: 2, padding: 2, dilation: 2, groups: 2), [4, 11, 9], "conv");

    [Fact]
    public void Conv2d_with_rectangular_kernel_and_no_bias() =>
        ExportChecked(Conv2d(3, 5, (3, 5), stride: (1, 2), padding: (0, 1), bias: false), [3, 10, 12], "conv-rect");

    [Fact]
    public void Conv2d_with_reflect_padding()
    {
        var report = ExportChecked(Conv2d(2, 3, 3, padding: 1, padding_mode: PaddingModes.Reflect), [2, 8, 8], "conv-reflect");

        Assert.Equal("reflect", StringAttribute(SingleNode(report, "Pad"), "mode"));
        SingleNode(report, "Conv");
    }

    [Fact]
    public void Conv2d_with_same_padding_and_even_kernel() =>
        ExportChecked(Conv2d(2, 3, 4, TorchSharp.Padding.Same), [2, 9, 9], "conv-same");

    [Fact]
    public void ConvTranspose2d_with_stride_2_output_padding_1_odd_padding_and_groups_2() =>
        ExportChecked(ConvTranspose2d(4, 6, 3, stride: 2, padding: 2, output_padding: 1, groups: 2), [4, 5, 7], "deconv");

    [Fact]
    public void ConvTranspose2d_with_dilation() =>
        ExportChecked(ConvTranspose2d(3, 2, 4, stride: 3, padding: 1, dilation: 2), [3, 4, 4], "deconv-dilated");

    [Fact]
    public void BatchNorm2d_uses_running_statistics()
    {
        var norm = BatchNorm2d(3);
        WarmRunningStatistics(norm, [8, 3, 5, 5]);
        ExportChecked(norm, [3, 5, 5], "batchnorm2d");
    }

    [Fact]
    public void BatchNorm1d_on_features()
    {
        var norm = BatchNorm1d(6, affine: false);
        WarmRunningStatistics(norm, [16, 6]);
        ExportChecked(norm, [6], "batchnorm1d");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void InstanceNorm2d_with_and_without_affine(bool affine)
    {
        var norm = InstanceNorm2d(3, affine: affine);
        if (affine)
        {
            using var _ = no_grad();
            norm.weight.uniform_(0.5, 1.5);
            norm.bias!.uniform_(-0.5, 0.5);
        }

        ExportChecked(norm, [3, 6, 5], $"instancenorm-{affine}");
    }

    [Fact]
    public void InstanceNorm2d_tracking_running_statistics_uses_them_in_eval()
    {
        var norm = InstanceNorm2d(3, track_running_stats: true);
        WarmRunningStatistics(norm, [4, 3, 6, 6]);
        ExportChecked(norm, [3, 6, 6], "instancenorm-tracked");
    }

    [Fact]
    public void LayerNorm_over_trailing_axes() => ExportChecked(LayerNorm(new long[] { 4, 5 }), [3, 4, 5], "layernorm");

    [Fact]
    public void Embedding_gathers_rows_of_int64_indices()
    {
        var options = new OnnxExportOptions
        {
            OutputPath = NewPath("embedding"),
            Inputs = [Indices("tokens", 3, limit: 10)],
            OutputNames = ["vectors"],
            VerificationBatchSizes = [1, 7],
        };
        var report = ExportChecked(Embedding(10, 4), options);

        SingleNode(report, "Gather");
    }

    [Fact]
    public void Activations_in_sequence() =>
        ExportChecked(Sequential(
            ("relu", ReLU()), ("leaky", LeakyReLU(0.2)), ("tanh", Tanh()), ("sigmoid", Sigmoid()),
            ("softplus", Softplus()), ("softplus2", Softplus(beta: 2)), ("silu", SiLU()), ("dropout", Dropout(0.5))), [10], "activations");

    [Fact]
    public void Flatten_from_axis_1_and_from_axis_2() =>
        ExportChecked(Sequential(("tail", Flatten(2)), ("all", Flatten())), [2, 3, 4], "flatten");

    [Fact]
    public void Unflatten_keeps_the_dynamic_batch() =>
        ExportChecked(Unflatten(1, new long[] { 2, 3, 4 }), [24], "unflatten");

    [Fact]
    public void Upsample_nearest_is_asymmetric_floor()
    {
        var report = ExportChecked(Upsample(scale_factor: new double[] { 2, 2 }, mode: UpsampleMode.Nearest), [2, 3, 5], "upsample-nearest");

        var resize = SingleNode(report, "Resize");
        Assert.Equal("nearest", StringAttribute(resize, "mode") ?? "nearest");
        Assert.Equal("asymmetric", StringAttribute(resize, "coordinate_transformation_mode"));
        Assert.Equal("floor", StringAttribute(resize, "nearest_mode"));
    }

    [Fact]
    public void Upsample_to_a_fixed_size_uses_scales_from_the_known_input_size() =>
        ExportChecked(Upsample(size: new long[] { 6, 15 }, mode: UpsampleMode.Nearest), [2, 3, 5], "upsample-size");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Upsample_bilinear_with_and_without_align_corners(bool alignCorners)
    {
        var report = ExportChecked(Upsample(scale_factor: new double[] { 2, 2 }, mode: UpsampleMode.Bilinear, align_corners: alignCorners), [2, 3, 5], $"upsample-bilinear-{alignCorners}");

        var resize = SingleNode(report, "Resize");
        Assert.Equal("linear", StringAttribute(resize, "mode"));
        Assert.Equal(alignCorners ? "align_corners" : "half_pixel", StringAttribute(resize, "coordinate_transformation_mode"));
    }

    [Fact]
    public void ReflectionPad2d_with_four_different_sides()
    {
        var report = ExportChecked(ReflectionPad2d((1, 2, 0, 3)), [2, 5, 6], "reflectionpad");

        Assert.Equal("reflect", StringAttribute(SingleNode(report, "Pad"), "mode"));
    }

    [Fact]
    public void ZeroPad2d_and_ReplicationPad2d()
    {
        var report = ExportChecked(Sequential(("zero", ZeroPad2d((2, 0, 1, 3))), ("edge", ReplicationPad2d((1, 1, 2, 0)))), [2, 4, 4], "zero-edge-pad");

        var modes = Nodes(report).Where(n => n.OpType == "Pad").Select(n => StringAttribute(n, "mode") ?? "constant");
        Assert.Equal(["constant", "edge"], modes);
    }
}
