using Pipeline.Export;
using Pipeline.Export.Families;
using Pipeline.Models.Gans;
using Pipeline.Models.Vae;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks.Engines;

/// <summary>
/// Untrained models of the shipped presets, exported once per process to a temporary folder so that TorchSharp and
/// ONNX Runtime run the same weights (speed does not depend on training). The exports go through the shipped
/// exporters, parity check included; every benchmark case of a family shares them.
/// </summary>
public static class BenchmarkModels
{
    private static readonly string _folder = CreateFolder();
    private static readonly Lazy<(VariationalAutoencoder Vae, VaeOnnxFiles Files)> _vae = new(ExportVae);
    private static readonly Lazy<(DcganGenerator Generator, string File, string UnfoldedFile)> _gan = new(ExportGan);

    /// <summary>The lecture VAE (784-400-20, as onnx/vae-lecture) in eval mode, and its exported encoder and decoder.</summary>
    public static (VariationalAutoencoder Vae, VaeOnnxFiles Files) Vae => _vae.Value;

    /// <summary>
    /// The fashion28 conditional generator (as onnx/cgan-fashion28) in eval mode, its export (batch norm folded), and
    /// the bare generator exported without folding, to show what the fold buys.
    /// </summary>
    public static (DcganGenerator Generator, string File, string UnfoldedFile) Gan => _gan.Value;

    private static (VariationalAutoencoder, VaeOnnxFiles) ExportVae()
    {
        manual_seed(0);
        var vae = VariationalAutoencoder.Create(VaeOptions.Lecture);
        vae.eval();
        return (vae, VaeOnnxExport.Export(vae, Path.Combine(_folder, "vae"), "benchmark"));
    }

    private static (DcganGenerator, string, string) ExportGan()
    {
        manual_seed(0);
        var generator = new DcganGenerator(GanOptions.ConditionalFashion28);
        WarmRunningStatistics(generator);
        var report = GanOnnxExport.Export(generator, Path.Combine(_folder, "gan"), "benchmark");
        var o = generator.Options;
        var unfolded = OnnxExporter.Export(generator, new OnnxExportOptions
        {
            OutputPath = Path.Combine(_folder, "gan", "generator-unfolded.onnx"),
            Inputs =
            [
                OnnxTensorSpec.Batched("z", o.LatentSize),
                new OnnxTensorSpec("label", [Pipeline.Onnx.Graph.OnnxGraphBuilder.DynamicBatch], Pipeline.Onnx.Graph.OnnxElementType.Int64) { IndexLimit = o.ClassCount },
            ],
            OutputNames = ["image"],
            FoldBatchNorm = false,
        });
        return (generator, report.Path, unfolded.Path);
    }

    // Running statistics of (0, 1) would make the folded and unfolded graphs trivially alike; move them as training does.
    private static void WarmRunningStatistics(DcganGenerator generator)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        generator.train();
        var o = generator.Options;
        generator.call(randn(64, o.LatentSize), randint(0, o.ClassCount, [64], ScalarType.Int64));
        generator.eval();
    }

    private static string CreateFolder()
    {
        var folder = Directory.CreateTempSubdirectory("pipeline-bench-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        return folder;
    }
}
