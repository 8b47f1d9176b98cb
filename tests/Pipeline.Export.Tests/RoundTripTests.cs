using Pipeline.Onnx;
using Pipeline.Models.Vae;
using Pipeline.Onnx.Proto;
using Pipeline.Onnx.Summary;
using Xunit.Abstractions;
using static Pipeline.Export.Tests.ExportHarness;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Export.Tests;

/// <summary>What is written parses back with our own proto, with its metadata and a correct summary.</summary>
[Collection(ProcessWideSeedCollection.Name)]
public sealed class RoundTripTests(ITestOutputHelper output)
{
    private static readonly OnnxModelMetadata Metadata = new()
    {
        ModelFamily = "vae",
        Role = OnnxMetadataKeys.Roles.Decoder,
        ImageChannels = 1,
        ImageHeight = 28,
        ImageWidth = 28,
        ValueRange = (0, 1),
        Normalization = "none",
        LatentSize = 20,
        ClassCount = 10,
        TrainingRunId = "run-42",
        Extra = new Dictionary<string, string> { ["custom.note"] = "hello" },
    };

    public static ModelProto Parse(string path)
    {
        using var stream = File.OpenRead(path);
        return ModelProto.Parser.ParseFrom(stream);
    }

    [Fact]
    public void Written_model_parses_back_with_versions_and_metadata()
    {
        var report = ExportLectureDecoder();

        var model = Parse(report.Path);
        var metadata = OnnxModelMetadata.FromProperties(model.MetadataProps.ToDictionary(p => p.Key, p => p.Value));

        Assert.Equal(8, model.IrVersion);
        Assert.Equal(17, Assert.Single(model.OpsetImport).Version);
        Assert.Equal(Metadata with { ExporterVersion = OnnxVersions.ExporterVersion, Extra = metadata.Extra }, metadata);
        Assert.Equal("hello", metadata.Extra["custom.note"]);
        Assert.Equal("0,1", model.MetadataProps.Single(p => p.Key == OnnxMetadataKeys.ValueRange).Value);
    }

    [Fact]
    public void Summary_counts_parameters_and_macs_of_the_lecture_decoder()
    {
        var report = ExportLectureDecoder();

        var summary = OnnxModelSummary.Read(report.Path);

        Assert.Equal(report.ParameterCount, summary.ParameterCount);
        Assert.Equal((20 * 400) + (400 * 784), summary.MacsPerSample);
        Assert.True(summary.MacsComplete);
        Assert.Equal("z", Assert.Single(summary.Inputs).Name);
        Assert.Equal("[batch, 1, 28, 28]", Assert.Single(summary.Outputs).ShapeText);
        Assert.Equal("vae", summary.Metadata[OnnxMetadataKeys.ModelFamily]);
        var description = summary.Describe();
        output.WriteLine(description);
        Assert.Contains("decoder.hidden/Gemm", description);
        Assert.Contains("MACs per sample: 321,600", description);
    }

    [Fact]
    public void Summary_counts_convolution_macs_from_value_info()
    {
        var net = Sequential(("conv", Conv2d(1, 4, 3, stride: 2, padding: 1)), ("deconv", ConvTranspose2d(4, 2, 4, stride: 2, padding: 1)));
        var report = ExportChecked(net, [1, 8, 8], "summary-conv");

        var summary = OnnxModelSummary.Read(report.Path);

        // Conv: output 4×4×4 = 64 values, each 1·3·3 MACs; ConvTranspose: input 4×4×4 = 64 values, each to 2·4·4.
        Assert.Equal((64 * 9) + (64 * 32), summary.MacsPerSample);
        Assert.Equal(report.ParameterCount, summary.ParameterCount);
    }

    [Fact]
    public void Running_statistics_are_buffers_not_parameters()
    {
        var norm = BatchNorm2d(3);
        WarmRunningStatistics(norm, [4, 3, 2, 2]);
        var report = ExportChecked(norm, [3, 2, 2], "summary-buffers");

        var summary = OnnxModelSummary.Read(report.Path);

        Assert.Equal(6, summary.ParameterCount);
        Assert.Equal(6, summary.BufferCount);
        Assert.Contains(Parse(report.Path).Graph.Initializer, i => i.Name == "running_mean");
    }

    [Fact]
    public void Higher_opset_runs_in_onnx_runtime()
    {
        var report = ExportChecked(Sequential(("conv", Conv2d(2, 2, 3, padding: 1)), ("up", Upsample(scale_factor: new double[] { 2, 2 }))), new OnnxExportOptions
        {
            OutputPath = NewPath("opset21"),
            Inputs = [OnnxTensorSpec.Batched("input", 2, 4, 4)],
            OutputNames = ["output"],
            Opset = 21,
        });

        var model = Parse(report.Path);
        Assert.Equal(21, model.OpsetImport[0].Version);
        Assert.Equal(10, model.IrVersion);
    }

    private static OnnxExportReport ExportLectureDecoder()
    {
        manual_seed(3);
        var vae = VariationalAutoencoder.Create(VaeOptions.Lecture);
        return ExportChecked(Sequential(("decoder", vae.Decoder), ("sigmoid", Sigmoid())), new OnnxExportOptions
        {
            OutputPath = NewPath("roundtrip"),
            Inputs = [OnnxTensorSpec.Batched("z", 20)],
            OutputNames = ["image"],
            Metadata = Metadata,
        });
    }
}
