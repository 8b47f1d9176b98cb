using Pipeline.Export.Families;
using Pipeline.Models.PixelCnn;
using Pipeline.Onnx;
using static Pipeline.Export.Tests.ExportHarness;
using static TorchSharp.torch;

namespace Pipeline.Export.Tests.Families;

[Collection(ProcessWideSeedCollection.Name)]
public sealed class PixelCnnOnnxExportTests
{
    private static readonly PixelCnnOptions TinyPixels = new(Height: 7, Width: 5, Channels: 8, Layers: 3, FirstKernelSize: 5, OutputChannels: 8, ClassCount: 3);

    [Fact]
    public void Class_conditional_pixel_model_matches_torchsharp_and_says_what_it_models()
    {
        // Given: a PixelCNN over odd-sized grey images whose class biases are not the initial zeros.
        manual_seed(11);
        using var net = new PixelCnn(TinyPixels);
        RandomiseClassBiases(net);

        // When: exported (random grids in [0, 256) and labels in [0, 3) on batches 1 and 5, plus one real batch).
        var real = new Tensor[] { randint(256, [3, 7, 5], dtype: ScalarType.Int64), tensor(new long[] { 0, 1, 2 }) };
        var report = PixelCnnOnnxExport.Export(net, Path.Combine(Folder, "pixelcnn"), "run-p", verificationInputs: [real], classNames: ["a", "b", "c"]);

        // Then
        Assert.InRange(report.MaxAbsDifference["logits"], 0, 1e-4);
        Assert.Equal([1, 5, 3], report.BatchSizes);
        OnnxChecker.AssertValid(report.Path);
        var metadata = OnnxModelMetadata.FromProperties(OnnxFile.Metadata(OnnxFile.Read(report.Path)));
        Assert.Equal(("pixelcnn", OnnxMetadataKeys.Roles.Autoregressive, 3), (metadata.ModelFamily, metadata.Role, metadata.ClassCount));
        Assert.Equal(["a", "b", "c"], metadata.ClassNames);
        Assert.Equal((1, 7, 5), (metadata.ImageChannels!.Value, metadata.ImageHeight!.Value, metadata.ImageWidth!.Value));
        Assert.Equal("256", metadata.Extra[OnnxMetadataKeys.Autoregressive.Levels]);
        Assert.Equal(("7", "5", "pixels"), (metadata.Extra[OnnxMetadataKeys.Autoregressive.GridHeight], metadata.Extra[OnnxMetadataKeys.Autoregressive.GridWidth], metadata.Extra[OnnxMetadataKeys.Autoregressive.GridContent]));
        Assert.False(metadata.Extra.ContainsKey(OnnxMetadataKeys.Autoregressive.ConditionLevels));
    }

    [Fact]
    public void Rows_are_symbolic_and_the_receptive_field_is_stated()
    {
        // Given: the tiny model reaches ⌊5/2⌋ + 2·⌊3/2⌋ = 4 rows up.
        manual_seed(15);
        using var net = new PixelCnn(TinyPixels);

        // When: exported (the band of 5 rows from row 0 is verified as well as the whole grid).
        var report = PixelCnnOnnxExport.Export(net, Path.Combine(Folder, "pixelcnn-bands"), "run-r");

        // Then: grid and logits take any number of rows, the metadata says how many a row needs, and the cost is kept.
        var model = OnnxFile.Read(report.Path);
        Assert.Equal("4", OnnxFile.Metadata(model)[OnnxMetadataKeys.Autoregressive.ReceptiveFieldRows]);
        Assert.Equal(5, PixelCnnOnnxExport.VerificationBandRows(net.Options));
        Assert.Equal(OnnxMetadataKeys.Autoregressive.GridRowsDim, model.Graph.Input.Single(i => i.Name == "grid").Type.TensorType.Shape.Dim[1].DimParam);
        Assert.Equal(OnnxMetadataKeys.Autoregressive.GridRowsDim, model.Graph.Output.Single(o => o.Name == "logits").Type.TensorType.Shape.Dim[2].DimParam);
        Assert.Equal("7x5", OnnxFile.Metadata(model)[OnnxMetadataKeys.MacsImageSize]);
        Assert.InRange(report.MaxAbsDifference["logits"], 0, 1e-4);
        OnnxChecker.AssertValid(report.Path);
    }

    [Fact]
    public void Masked_convolutions_become_plain_convs_with_the_mask_in_the_weight()
    {
        manual_seed(12);
        using var net = new PixelCnn(TinyPixels with { ClassCount = 0 });

        var report = PixelCnnOnnxExport.Export(net, Path.Combine(Folder, "pixelcnn-masks"), "run-m");

        var graph = OnnxFile.Read(report.Path).Graph;
        Assert.Subset(new HashSet<string> { "Conv", "Cast", "Mul", "Sub", "Reshape", "Split", "Tanh", "Sigmoid", "Add", "Relu", "Constant" }, graph.Node.Select(n => n.OpType).ToHashSet());
        // The first layer's horizontal kernel is 1×3 (the left half of 1×5) with its last column, the current pixel, zeroed.
        var horizontal = graph.Initializer.Single(t => t.Name == "layers.0.horizontal.weight");
        Assert.Equal(new long[] { 16, 1, 1, 3 }, horizontal.Dims);
        var weights = Floats(horizontal.RawData.ToByteArray());
        Assert.All(Enumerable.Range(0, 16), k => Assert.Equal(0f, weights[(k * 3) + 2]));
        Assert.Contains(weights, w => w != 0);
        Assert.Equal(["grid"], graph.Input.Select(i => i.Name));
    }

    [Fact]
    public void Unconditional_code_prior_takes_only_its_grid()
    {
        manual_seed(13);
        using var net = new PixelCnn(PixelCnnOptions.CodePrior(64, 4, 4, classCount: 0) with { Channels = 8, Layers = 3, OutputChannels = 8, InputEmbeddingSize = 6 });

        var report = PixelCnnOnnxExport.Export(net, Path.Combine(Folder, "top-prior"), "run-t", modelFamily: "vqvae2", fileName: "prior-top.onnx");

        Assert.InRange(report.MaxAbsDifference["logits"], 0, 1e-4);
        OnnxChecker.AssertValid(report.Path);
        var metadata = OnnxModelMetadata.FromProperties(OnnxFile.Metadata(OnnxFile.Read(report.Path)));
        Assert.Equal(("vqvae2", "codes", "64"), (metadata.ModelFamily, metadata.Extra[OnnxMetadataKeys.Autoregressive.GridContent], metadata.Extra[OnnxMetadataKeys.Autoregressive.Levels]));
        Assert.Null(metadata.ImageHeight);
        Assert.Null(metadata.ClassCount);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0)]
    public void Bottom_prior_conditioned_on_upsampled_top_codes_matches_torchsharp(int classCount)
    {
        // Given: a 5×3 grid conditioned on 3×2 codes (nearest upsampling by the non-integer factors 5/3 and 3/2).
        manual_seed(14);
        using var net = new PixelCnn(PixelCnnOptions.ConditionedCodePrior(32, 5, 3, 16, 3, 2, classCount) with { Channels = 8, Layers = 3, OutputChannels = 8, InputEmbeddingSize = 4, ConditionEmbeddingSize = 6 });
        RandomiseClassBiases(net);

        var report = PixelCnnOnnxExport.Export(net, Path.Combine(Folder, $"bottom-prior-{classCount}"), "run-b", modelFamily: "vqvae2", fileName: "prior-bottom.onnx");

        Assert.InRange(report.MaxAbsDifference["logits"], 0, 1e-4);
        OnnxChecker.AssertValid(report.Path);
        var model = OnnxFile.Read(report.Path);
        Assert.Equal(classCount > 0 ? ["grid", "label", "condition"] : ["grid", "condition"], model.Graph.Input.Select(i => i.Name));
        var metadata = OnnxModelMetadata.FromProperties(OnnxFile.Metadata(model));
        Assert.Equal(("16", "3", "2"), (metadata.Extra[OnnxMetadataKeys.Autoregressive.ConditionLevels], metadata.Extra[OnnxMetadataKeys.Autoregressive.ConditionHeight], metadata.Extra[OnnxMetadataKeys.Autoregressive.ConditionWidth]));
        Assert.Equal(OnnxMetadataKeys.Autoregressive.ConditionRowsDim, model.Graph.Input.Single(i => i.Name == "condition").Type.TensorType.Shape.Dim[1].DimParam);
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

    private static float[] Floats(byte[] bytes)
    {
        var floats = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, floats, 0, bytes.Length);
        return floats;
    }
}
