using Pipeline.Models.Gans;

namespace Pipeline.Export.Families;

/// <summary>
/// Exports a GAN generator as <c>generator.onnx</c>: z (batch, Z) float32 and label (batch) int64 → image
/// (batch, C, H, W) in [0, 1], the same image convention as the VAE decoder, so one ML.NET estimator serves both.
/// The DCGAN's and the Progressive GAN's generators share it.
/// </summary>
public static class GanOnnxExport
{
    /// <summary>File name inside the export folder.</summary>
    public const string GeneratorFile = "generator.onnx";

    /// <summary>
    /// Writes and verifies the generator (pass the EMA generator for the weights sampling uses). Labels of an
    /// unconditional generator are accepted and ignored. <paramref name="classNames"/>, one per class of a conditional
    /// generator, go into the metadata for pictures that name their rows.
    /// </summary>
    public static OnnxExportReport Export(DcganGenerator generator, string directory, string runId, int opset = OnnxVersions.DefaultOpset, IReadOnlyList<string>? classNames = null)
    {
        var o = generator.Options;
        return Export(generator, new GeneratorShape(o.LatentSize, o.ClassCount, o.Channels, o.ImageSize, o.IsConditional ? "cgan" : "gan", "gan_generator"), directory, runId, opset, classNames);
    }

    /// <summary>
    /// Writes and verifies any (z, label) → image generator whose output lies in [−1, 1] (tanh or linear), mapped to
    /// [0, 1] in the file; <paramref name="shape"/> says what its metadata records.
    /// </summary>
    public static OnnxExportReport Export(nn.Module<Tensor, Tensor, Tensor> generator, GeneratorShape shape, string directory, string runId, int opset = OnnxVersions.DefaultOpset, IReadOnlyList<string>? classNames = null)
    {
        Directory.CreateDirectory(directory);
        var registry = ConverterRegistry.CreateDefault();
        registry.Register<UnitRangeGenerator>(ConvertUnitRange);
        // Not disposed: disposing a module disposes its children, and the wrapper's only child is the caller's generator.
        var wrapper = new UnitRangeGenerator(generator);
        return OnnxExporter.Export(wrapper, new OnnxExportOptions
        {
            OutputPath = Path.Combine(directory, GeneratorFile),
            Inputs =
            [
                OnnxTensorSpec.Batched("z", shape.LatentSize),
                new OnnxTensorSpec("label", [OnnxGraphBuilder.DynamicBatch], OnnxElementType.Int64) { IndexLimit = Math.Max(shape.ClassCount, 1) },
            ],
            OutputNames = ["image"],
            GraphName = shape.GraphName,
            Opset = opset,
            Metadata = ImageMetadata.UnitRange(shape.ModelFamily, shape.Channels, shape.ImageSize, shape.ImageSize, runId).WithClasses(shape.ClassCount, classNames) with
            {
                Role = OnnxMetadataKeys.Roles.Generator,
                LatentSize = shape.LatentSize,
            },
        }, registry);
    }

    /// <summary>(x + 1) / 2, clipped against rounding, exactly as DcganGenerator.ToUnitRange: a generator's [−1, 1] as [0, 1].</summary>
    internal static string UnitRange(OnnxGraphBuilder graph, string image) =>
        graph.Clip(graph.Mul(graph.Add(image, graph.Constant([1f])), graph.Constant([0.5f])), 0f, 1f);

    private static IReadOnlyList<string> ConvertUnitRange(ExportContext context, UnitRangeGenerator wrapper, IReadOnlyList<string> inputs) =>
        [UnitRange(context.Graph, context.Convert(wrapper.Generator, inputs, "generator")[0])];

    /// <summary>The generator followed by the map from [−1, 1] to [0, 1].</summary>
    private sealed class UnitRangeGenerator : nn.Module<Tensor, Tensor, Tensor>
    {
        private readonly nn.Module<Tensor, Tensor, Tensor> generator;

        public UnitRangeGenerator(nn.Module<Tensor, Tensor, Tensor> generator) : base(nameof(UnitRangeGenerator))
        {
            this.generator = generator;
            RegisterComponents();
        }

        public nn.Module<Tensor, Tensor, Tensor> Generator => generator;

        public override Tensor forward(Tensor z, Tensor labels) => DcganGenerator.ToUnitRange(generator.call(z, labels));
    }
}

/// <summary>What a generator export's inputs and metadata record.</summary>
/// <param name="LatentSize">Z</param>
/// <param name="ClassCount">classes of a conditional generator; 0 for an unconditional one</param>
/// <param name="Channels">image channels</param>
/// <param name="ImageSize">image height and width</param>
/// <param name="ModelFamily">the metadata's model family, e.g. "cgan" or "progan"</param>
/// <param name="GraphName">the ONNX graph's name</param>
public sealed record GeneratorShape(int LatentSize, int ClassCount, int Channels, int ImageSize, string ModelFamily, string GraphName);
