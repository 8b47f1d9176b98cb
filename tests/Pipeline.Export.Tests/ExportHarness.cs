using Pipeline.Onnx;
using Pipeline.Onnx.Graph;
using Pipeline.Onnx.Proto;
using static TorchSharp.torch;

namespace Pipeline.Export.Tests;

/// <summary>Exports into a per-run temporary folder, requires ONNX Runtime parity, and runs the ONNX checker on the file.</summary>
internal static class ExportHarness
{
    public static readonly string Folder = CreateFolder();

    private static int _counter;

    public static string NewPath(string stem) => Path.Combine(Folder, $"{stem}-{Interlocked.Increment(ref _counter)}.onnx");

    /// <summary>Exports a single-input module whose input is [batch, ..perSample] on batches 1 and 7.</summary>
    public static OnnxExportReport ExportChecked(nn.Module module, long[] perSample, string stem, params string[] outputs) =>
        ExportChecked(module, new OnnxExportOptions
        {
            OutputPath = NewPath(stem),
            Inputs = [OnnxTensorSpec.Batched("input", perSample)],
            OutputNames = outputs.Length == 0 ? ["output"] : outputs,
            VerificationBatchSizes = [1, 7],
        });

    public static OnnxExportReport ExportChecked(nn.Module module, OnnxExportOptions options, ConverterRegistry? converters = null)
    {
        var report = OnnxExporter.Export(module, options, converters);

        Assert.True(File.Exists(report.Path));
        Assert.All(report.MaxAbsDifference.Values, d => Assert.InRange(d, 0, options.Tolerance));
        if (options.Opset <= OnnxChecker.MaxCheckableOpset)
        {
            OnnxChecker.AssertValid(report.Path);
        }

        return report;
    }

    /// <summary>The nodes of the exported file, for tests whose name promises an operator.</summary>
    public static IReadOnlyList<NodeProto> Nodes(OnnxExportReport report) => OnnxFile.Read(report.Path).Graph.Node;

    /// <summary>The one node of <paramref name="opType"/> in the exported file.</summary>
    public static NodeProto SingleNode(OnnxExportReport report, string opType)
    {
        var nodes = Nodes(report).Where(n => n.OpType == opType).ToArray();
        Assert.True(nodes.Length == 1, $"expected one {opType} node, found {nodes.Length} in [{string.Join(", ", Nodes(report).Select(n => n.OpType))}]");
        return nodes[0];
    }

    /// <summary>A string attribute of <paramref name="node"/>, or null when it is absent (the operator's default).</summary>
    public static string? StringAttribute(NodeProto node, string name) =>
        node.Attribute.FirstOrDefault(a => a.Name == name)?.S.ToStringUtf8();

    private static string CreateFolder()
    {
        var folder = Directory.CreateTempSubdirectory("pipeline-onnx-tests-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        return folder;
    }

    /// <summary>Runs a few training-mode batches so running statistics are not the trivial (0, 1).</summary>
    public static void WarmRunningStatistics(nn.Module<Tensor, Tensor> module, long[] shape)
    {
        module.train();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        for (var i = 0; i < 3; i++)
        {
            module.call((randn(shape) * 2) + 0.5);
        }

        module.eval();
    }

    public static OnnxTensorSpec Indices(string name, long perSample, long limit) =>
        new(name, [OnnxGraphBuilder.DynamicBatch, perSample], OnnxElementType.Int64) { IndexLimit = limit };
}
