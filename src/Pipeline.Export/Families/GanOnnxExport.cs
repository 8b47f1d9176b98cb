using Pipeline.Models.Gans;

namespace Pipeline.Export.Families;

/// <summary>
/// Exports a GAN generator as <c>generator.onnx</c>: z (batch, Z) float32 and label (batch) int64 → image
/// (batch, C, H, W) in [0, 1], the same image convention as the VAE decoder, so one ML.NET estimator serves both.
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
                OnnxTensorSpec.Batched("z", o.LatentSize),
                new OnnxTensorSpec("label", [OnnxGraphBuilder.DynamicBatch], OnnxElementType.Int64) { IndexLimit = Math.Max(o.ClassCount, 1) },
            ],
            OutputNames = ["image"],
            GraphName = "gan_generator",
            Opset = opset,
            Metadata = new OnnxModelMetadata
            {
                ModelFamily = o.IsConditional ? "cgan" : "gan",
                Role = OnnxMetadataKeys.Roles.Generator,
                ImageChannels = o.Channels,
                ImageHeight = o.ImageSize,
                ImageWidth = o.ImageSize,
                ValueRange = (0, 1),
                Normalization = "none",
                LatentSize = o.LatentSize,
                ClassCount = o.IsConditional ? o.ClassCount : null,
                ClassNames = o.IsConditional && classNames?.Count == o.ClassCount ? classNames : null,
                TrainingRunId = runId,
            },
        }, registry);
    }

    // (tanh + 1) / 2, clipped against rounding, exactly as DcganGenerator.ToUnitRange.
    private static IReadOnlyList<string> ConvertUnitRange(ExportContext context, UnitRangeGenerator wrapper, IReadOnlyList<string> inputs)
    {
        var graph = context.Graph;
        var image = context.Convert(wrapper.Generator, inputs, "generator")[0];
        var unit = graph.Mul(graph.Add(image, graph.Constant([1f])), graph.Constant([0.5f]));
        return [graph.Clip(unit, 0f, 1f)];
    }

    /// <summary>The generator followed by the map from [−1, 1] to [0, 1].</summary>
    private sealed class UnitRangeGenerator : nn.Module<Tensor, Tensor, Tensor>
    {
        private readonly DcganGenerator generator;

        public UnitRangeGenerator(DcganGenerator generator) : base(nameof(UnitRangeGenerator))
        {
            this.generator = generator;
            RegisterComponents();
        }

        public DcganGenerator Generator => generator;

        public override Tensor forward(Tensor z, Tensor labels) => DcganGenerator.ToUnitRange(generator.call(z, labels));
    }
}
