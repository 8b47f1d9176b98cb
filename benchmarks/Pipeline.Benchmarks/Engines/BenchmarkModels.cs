using Pipeline.Export;
using Pipeline.Export.Families;
using Pipeline.Models.Gans;
using Pipeline.Models.PixelCnn;
using Pipeline.Models.StyleGan;
using Pipeline.Models.Translation;
using Pipeline.Models.Vae;
using Pipeline.Models.VqVae2;
using Pipeline.Onnx;
using Pipeline.Training.Translation;
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
    private static readonly Lazy<(DcganGenerator Generator, string File, string UnfoldedFile, string UnrewrittenFile)> _gan = new(ExportGan);
    private static readonly Lazy<(VqVae2Autoencoder Model, VqVae2OnnxFiles Files)> _vqVae2 = new(ExportVqVae2);
    private static readonly Lazy<(PixelCnn Net, string File)> _topPrior = new(ExportTopPrior);
    private static readonly Lazy<(PixelCnn Net, string File)> _bottomPrior = new(ExportBottomPrior);
    private static readonly Lazy<(PixelCnn Net, string File)> _pixelCnn = new(ExportPixelCnn);
    private static readonly Lazy<(nn.Module<Tensor, Tensor> Generator, string File)> _pix2Pix = new(ExportPix2Pix);
    private static readonly Lazy<(nn.Module<Tensor, Tensor> Generator, string File)> _cycleGan = new(ExportCycleGan);
    private static readonly Lazy<(nn.Module<Tensor, Tensor> Generator, string File)> _superResolution = new(ExportSuperResolution);
    private static readonly Lazy<(StyleGenerator Generator, StyleGanOnnxFiles Files)> _styleGan = new(ExportStyleGan);

    /// <summary>The number of classes of Fashion-MNIST, which the class-conditional presets are built for.</summary>
    public const int ClassCount = 10;

    /// <summary>The lecture VAE (784-400-20, as onnx/vae-lecture) in eval mode, and its exported encoder and decoder.</summary>
    public static (VariationalAutoencoder Vae, VaeOnnxFiles Files) Vae => _vae.Value;

    /// <summary>
    /// The fashion28 conditional generator (as onnx/cgan-fashion28) in eval mode, its export (batch norm folded,
    /// transposed convolutions split into phases), and the bare generator exported without the fold and without the
    /// split, to show what each buys.
    /// </summary>
    public static (DcganGenerator Generator, string File, string UnfoldedFile, string UnrewrittenFile) Gan => _gan.Value;

    /// <summary>The fashion28 VQ-VAE-2 (as onnx/vqvae2-fashion28: 14×14 bottom and 7×7 top codes) in eval mode, and its exported encoder and decoder.</summary>
    public static (VqVae2Autoencoder Model, VqVae2OnnxFiles Files) VqVae2 => _vqVae2.Value;

    /// <summary>The fashion28 VQ-VAE-2's class-conditional top prior (the CLI's default width and depth over 7×7 codes), exported as top-prior.onnx.</summary>
    public static (PixelCnn Net, string File) TopPrior => _topPrior.Value;

    /// <summary>The fashion28 VQ-VAE-2's bottom prior (14×14 codes given the 7×7 top codes and the class), random weights, as exported.</summary>
    public static (PixelCnn Net, string File) BottomPrior => _bottomPrior.Value;

    /// <summary>The fashion28-small pixel PixelCNN (p = 32, 6 layers, 256 levels, class-conditional), exported as pixelcnn.onnx.</summary>
    public static (PixelCnn Net, string File) PixelCnnModel => _pixelCnn.Value;

    /// <summary>
    /// pix2pix's U-Net of <c>train pix2pix</c> on its default edges → item set (Fashion-MNIST padded to 32×32, as
    /// onnx/edges2item-fashion28) in eval mode, exported with symbolic H and W as <c>export</c> does.
    /// </summary>
    public static (nn.Module<Tensor, Tensor> Generator, string File) Pix2Pix => _pix2Pix.Value;

    /// <summary>CycleGAN's ResNet generator G_A of <c>train cyclegan</c> on 28×28 sneaker ↔ ankle boot (as onnx/sneaker2boot-fashion28), exported likewise.</summary>
    public static (nn.Module<Tensor, Tensor> Generator, string File) CycleGan => _cycleGan.Value;

    /// <summary>The ×4 super-resolution generator of <c>train superres</c> (7×7 → 28×28, as onnx/superres4x-fashion28), exported likewise.</summary>
    public static (nn.Module<Tensor, Tensor> Generator, string File) SuperResolution => _superResolution.Value;

    /// <summary>
    /// ψ of the StyleGAN2 export's truncation input and of the eager forward: below 1, so that eager TorchSharp runs
    /// the truncation the graph always runs (at ψ = 1 the eager forward skips it).
    /// </summary>
    public const double StyleGanTruncation = 0.7;

    /// <summary>
    /// The Fashion32 StyleGAN2 generator (class-conditional 32×32 grey) in eval mode with fixed noise, as the export
    /// runs it, and its generator.onnx, mapping.onnx and synthesis.onnx with ψ = <see cref="StyleGanTruncation"/>.
    /// </summary>
    public static (StyleGenerator Generator, StyleGanOnnxFiles Files) StyleGan => _styleGan.Value;

    private static (VariationalAutoencoder, VaeOnnxFiles) ExportVae()
    {
        manual_seed(0);
        var vae = VariationalAutoencoder.Create(VaeOptions.Lecture);
        vae.eval();
        return (vae, VaeOnnxExport.Export(vae, Path.Combine(_folder, "vae"), "benchmark"));
    }

    private static (DcganGenerator, string, string, string) ExportGan()
    {
        manual_seed(0);
        var generator = new DcganGenerator(GanOptions.ConditionalFashion28);
        WarmRunningStatistics(generator);
        var report = GanOnnxExport.Export(generator, Path.Combine(_folder, "gan"), "benchmark");
        var o = generator.Options;
        var bare = new OnnxExportOptions
        {
            OutputPath = Path.Combine(_folder, "gan", "generator-unfolded.onnx"),
            Inputs =
            [
                OnnxTensorSpec.Batched("z", o.LatentSize),
                new OnnxTensorSpec("label", [Pipeline.Onnx.Graph.OnnxGraphBuilder.DynamicBatch], Pipeline.Onnx.Graph.OnnxElementType.Int64) { IndexLimit = o.ClassCount },
            ],
            OutputNames = ["image"],
            FoldBatchNorm = false,
        };
        var unfolded = OnnxExporter.Export(generator, bare);
        var unrewritten = OnnxExporter.Export(generator, bare with
        {
            OutputPath = Path.Combine(_folder, "gan", "generator-unrewritten.onnx"),
            FoldBatchNorm = true,
            SplitConvTransposePhases = false,
            TapNarrowConvolutions = false,
            LowerDepthToSpace = false,
        });
        return (generator, report.Path, unfolded.Path, unrewritten.Path);
    }

    private static (VqVae2Autoencoder, VqVae2OnnxFiles) ExportVqVae2()
    {
        manual_seed(0);
        var model = VqVae2Autoencoder.Create(VqVae2Options.Fashion28);
        model.eval();
        return (model, VqVae2OnnxExport.Export(model, Path.Combine(_folder, "vqvae2"), "benchmark", ClassCount));
    }

    private static (PixelCnn, string) ExportTopPrior()
    {
        manual_seed(0);
        var o = VqVae2Options.Fashion28;
        var net = new PixelCnn(PixelCnnOptions.CodePrior(o.CodebookSize, o.TopGrid, o.TopGrid, ClassCount));
        net.eval();
        var report = PixelCnnOnnxExport.Export(net, Path.Combine(_folder, "vqvae2"), "benchmark", VqVae2PriorOnnxExport.ModelFamily,
            VqVae2PriorOnnxExport.TopPriorFile, level: OnnxMetadataKeys.Autoregressive.TopLevel);
        return (net, report.Path);
    }

    private static (PixelCnn, string) ExportBottomPrior()
    {
        manual_seed(0);
        var o = VqVae2Options.Fashion28;
        var net = new PixelCnn(PixelCnnOptions.ConditionedCodePrior(o.CodebookSize, o.BottomGrid, o.BottomGrid, o.CodebookSize, o.TopGrid, o.TopGrid, ClassCount));
        net.eval();
        var report = PixelCnnOnnxExport.Export(net, Path.Combine(_folder, "vqvae2"), "benchmark", VqVae2PriorOnnxExport.ModelFamily,
            VqVae2PriorOnnxExport.BottomPriorFile, level: OnnxMetadataKeys.Autoregressive.BottomLevel);
        return (net, report.Path);
    }

    private static (PixelCnn, string) ExportPixelCnn()
    {
        manual_seed(0);
        var net = new PixelCnn(PixelCnnOptions.Fashion28Small);
        net.eval();
        return (net, PixelCnnOnnxExport.Export(net, Path.Combine(_folder, "pixelcnn"), "benchmark").Path);
    }

    private static (nn.Module<Tensor, Tensor>, string) ExportPix2Pix()
    {
        manual_seed(0);
        var o = new Pix2PixOptions();
        var (generator, discriminator) = TranslationNetworks.Pix2Pix(o);
        discriminator?.Dispose();
        var description = new TranslatorDescription("pix2pix", "edges→item", o.InputChannels, o.ImageSize, o.ImageSize, o.OutputChannels, SizeMultiple: generator.SizeMultiple);
        return ExportTranslator(generator, description, "pix2pix");
    }

    private static (nn.Module<Tensor, Tensor>, string) ExportCycleGan()
    {
        manual_seed(0);
        var o = new CycleGanOptions();
        var (generatorA, generatorB, discriminatorA, discriminatorB) = TranslationNetworks.CycleGan(o);
        generatorB.Dispose();
        discriminatorA.Dispose();
        discriminatorB.Dispose();
        var description = new TranslatorDescription("cyclegan", "sneaker→ankle boot", o.Channels, o.ImageSize, o.ImageSize, o.Channels, SizeMultiple: generatorA.SizeMultiple);
        return ExportTranslator(generatorA, description, "cyclegan");
    }

    private static (nn.Module<Tensor, Tensor>, string) ExportSuperResolution()
    {
        manual_seed(0);
        var o = new SuperResolutionOptions();
        var (generator, discriminator) = TranslationNetworks.SuperResolution(o);
        discriminator?.Dispose();
        return ExportTranslator(generator, TranslatorOnnxExport.SuperResolution(generator, o.Channels, o.HighResolutionSize / o.Factor), "superres");
    }

    private static (StyleGenerator, StyleGanOnnxFiles) ExportStyleGan()
    {
        manual_seed(0);
        var generator = new StyleGenerator(StyleGanOptions.Fashion32);
        generator.eval();
        var files = StyleGanOnnxExport.Export(generator, Path.Combine(_folder, "stylegan"), "benchmark", StyleGanTruncation);
        generator.Synthesis.NoiseMode = NoiseMode.Fixed;
        return (generator, files);
    }

    // Symbolic H and W as `export` writes translators (TranslationExport), so the engines run the graph users get.
    private static (nn.Module<Tensor, Tensor>, string) ExportTranslator(nn.Module<Tensor, Tensor> generator, TranslatorDescription description, string name)
    {
        generator.eval();
        var report = TranslatorOnnxExport.Export(generator, description, Path.Combine(_folder, name, "translator.onnx"), "benchmark", dynamicSize: true);
        return (generator, report.Path);
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
