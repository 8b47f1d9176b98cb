using Pipeline.Models.Gans;
using Pipeline.Models.ProGan;

namespace Pipeline.Export.Families;

/// <summary>
/// Exports a Progressive GAN's grown generator as <c>generator.onnx</c> with the GAN export's conventions (the same
/// inputs, output, value range and metadata as <see cref="GanOnnxExport"/>): z (batch, Z) float32 and label (batch)
/// int64 → image (batch, C, S, S) in [0, 1], so ML.NET's <c>GenerateImages</c> and <c>sample EXPORT</c> run it as
/// they run a DCGAN.
/// </summary>
public static class ProGanOnnxExport
{
    /// <summary>The model family named in the metadata.</summary>
    public const string ModelFamily = "progan";

    /// <summary>
    /// Writes and verifies the generator at full size with α = 1 (pass the moving average for the weights sampling
    /// uses). Labels of an unconditional generator are accepted and ignored. <paramref name="classNames"/>, one per
    /// class of a conditional generator, go into the metadata for pictures that name their rows.
    /// </summary>
    public static OnnxExportReport Export(ProGanGenerator generator, string directory, string runId, int opset = OnnxVersions.DefaultOpset, IReadOnlyList<string>? classNames = null)
    {
        var o = generator.Options;
        Directory.CreateDirectory(directory);
        var registry = ConverterRegistry.CreateDefault();
        registry.Register<UnitRangeProGan>(ConvertUnitRange);
        // Not disposed: disposing a module disposes its children, and the wrapper's only child is the caller's generator.
        var wrapper = new UnitRangeProGan(generator);
        return OnnxExporter.Export(wrapper, new OnnxExportOptions
        {
            OutputPath = Path.Combine(directory, GanOnnxExport.GeneratorFile),
            Inputs =
            [
                OnnxTensorSpec.Batched("z", o.LatentSize),
                new OnnxTensorSpec("label", [OnnxGraphBuilder.DynamicBatch], OnnxElementType.Int64) { IndexLimit = Math.Max(o.ClassCount, 1) },
            ],
            OutputNames = ["image"],
            GraphName = "progan_generator",
            Opset = opset,
            Metadata = new OnnxModelMetadata
            {
                ModelFamily = ModelFamily,
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

    // (x + 1) / 2 clipped to [0, 1], exactly as DcganGenerator.ToUnitRange (the generator's output is linear).
    private static IReadOnlyList<string> ConvertUnitRange(ExportContext context, UnitRangeProGan wrapper, IReadOnlyList<string> inputs)
    {
        var graph = context.Graph;
        var image = context.Convert(wrapper.Generator, inputs, "generator")[0];
        var unit = graph.Mul(graph.Add(image, graph.Constant([1f])), graph.Constant([0.5f]));
        return [graph.Clip(unit, 0f, 1f)];
    }

    /// <summary>The grown generator followed by the map from [−1, 1] to [0, 1].</summary>
    private sealed class UnitRangeProGan : nn.Module<Tensor, Tensor, Tensor>
    {
        private readonly ProGanGenerator generator;

        public UnitRangeProGan(ProGanGenerator generator) : base(nameof(UnitRangeProGan))
        {
            this.generator = generator;
            RegisterComponents();
        }

        public ProGanGenerator Generator => generator;

        public override Tensor forward(Tensor z, Tensor labels) => DcganGenerator.ToUnitRange(generator.call(z, labels));
    }
}
