using Pipeline.Models.Gans;
using Pipeline.Models.Translation;

namespace Pipeline.Export.Families;

/// <summary>What a translator export says about itself beyond the common metadata.</summary>
/// <param name="Family">"cyclegan", "pix2pix" or "superres".</param>
/// <param name="Direction">Which way it translates, e.g. "A→B" or "sneaker→ankle boot".</param>
/// <param name="InputChannels">Channels of the input image.</param>
/// <param name="InputHeight">Input height in pixels.</param>
/// <param name="InputWidth">Input width in pixels.</param>
/// <param name="OutputChannels">Channels of the output image.</param>
/// <param name="Scale">Output size over input size on each side (1, or the super-resolution factor).</param>
/// <param name="SizeMultiple">Input H and W must be multiples of this (2^downsamplings; 1 for super-resolution).</param>
public sealed record TranslatorDescription(string Family, string Direction, int InputChannels, int InputHeight, int InputWidth, int OutputChannels, int Scale = 1, int SizeMultiple = 1);

/// <summary>
/// Exports a translator (any generator of Pipeline.Models.Translation) as one ONNX file: image (batch, C, H, W)
/// float32 in [0, 1] → image (batch, C', s·H, s·W) in [0, 1]. The [0, 1] ↔ [−1, 1] maps are part of the graph, so
/// callers use the same pixel convention as every other model of the project. The generator is traced in eval
/// mode: the U-Net's dropout is the identity and instance norm uses each image's own statistics (as in training),
/// so the exported model is deterministic. The batch is dynamic; height and width are fixed at the trained size, or,
/// with <c>dynamicSize</c>, symbolic (any multiple of <see cref="TranslatorDescription.SizeMultiple"/>, checked
/// against TorchSharp at a second size). The metadata's image size is the trained size either way.
/// </summary>
public static class TranslatorOnnxExport
{
    /// <summary>Metadata keys for what only translators have; values are invariant-culture text.</summary>
    public static class Keys
    {
        /// <summary>Which way the model translates, e.g. "A→B".</summary>
        public const string Direction = OnnxMetadataKeys.Translation.Direction;

        /// <summary>Output channels.</summary>
        public const string OutputChannels = OnnxMetadataKeys.Translation.OutputChannels;

        /// <summary>Output height in pixels.</summary>
        public const string OutputHeight = OnnxMetadataKeys.Translation.OutputHeight;

        /// <summary>Output width in pixels.</summary>
        public const string OutputWidth = OnnxMetadataKeys.Translation.OutputWidth;

        /// <summary>What the exported model does with training-time noise: always "eval" (dropout off).</summary>
        public const string DropoutMode = OnnxMetadataKeys.Prefix + "translation.dropout";

        /// <summary>"true" when H and W are symbolic in the graph.</summary>
        public const string DynamicSize = OnnxMetadataKeys.Translation.DynamicSize;

        /// <summary>Input H and W must be multiples of this.</summary>
        public const string SizeMultiple = OnnxMetadataKeys.Prefix + "translation.size_multiple";
    }

    /// <summary>Writes <paramref name="generator"/> to <paramref name="path"/> and verifies it against TorchSharp on batches 1 and 5.</summary>
    public static OnnxExportReport Export(
        nn.Module<Tensor, Tensor> generator, TranslatorDescription description, string path, string runId, bool dynamicSize = false, int opset = OnnxVersions.DefaultOpset)
    {
        var d = description;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var registry = ConverterRegistry.CreateDefault();
        registry.Register<UnitRangeTranslator>(ConvertUnitRange);
        // Not disposed: disposing a module disposes its children, and the wrapper's only child is the caller's generator.
        var wrapper = new UnitRangeTranslator(generator);
        var (height, width) = (d.InputHeight * d.Scale, d.InputWidth * d.Scale);
        var options = new OnnxExportOptions
        {
            OutputPath = path,
            Inputs = [OnnxTensorSpec.Batched("image", d.InputChannels, d.InputHeight, d.InputWidth)],
            OutputNames = ["translated"],
            GraphName = d.Family + "_translator",
            Opset = opset,
            NarrowConvolutionBlock = OutputBlock(d, height, width, dynamicSize),
            Metadata = ImageMetadata.UnitRange(d.Family, d.InputChannels, d.InputHeight, d.InputWidth, runId) with
            {
                Role = OnnxMetadataKeys.Roles.Translator,
                Extra = new Dictionary<string, string>
                {
                    [Keys.Direction] = d.Direction,
                    [Keys.OutputChannels] = d.OutputChannels.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    [Keys.OutputHeight] = height.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    [Keys.OutputWidth] = width.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    [Keys.DropoutMode] = "eval",
                    [Keys.DynamicSize] = dynamicSize ? "true" : "false",
                    [Keys.SizeMultiple] = d.SizeMultiple.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
            },
        };
        var report = OnnxExporter.Export(wrapper, options, registry);
        if (dynamicSize)
        {
            // A second size that differs on both sides and keeps the multiple.
            DynamicImageSize.Relax(report.Path, wrapper, options, d.InputHeight + d.SizeMultiple, d.InputWidth + (2 * d.SizeMultiple));
        }

        return report;
    }

    // The last Conv, when it is the output layer, runs at the output size: its height and width are multiples of this
    // power of two, at most 4 (NarrowConvolutionRewrite), or 0 when they are odd.
    private static int OutputBlock(TranslatorDescription d, int height, int width, bool dynamicSize)
    {
        var sides = dynamicSize ? d.SizeMultiple * d.Scale : height | width;   // the lowest set bit is the largest power of two dividing both
        var block = Math.Min(4, sides & -sides);
        return block >= 2 ? block : 0;
    }

    /// <summary>The description of a super-resolution generator for inputs of <paramref name="inputSize"/>².</summary>
    public static TranslatorDescription SuperResolution(SuperResolutionGenerator generator, int channels, int inputSize) =>
        new("superres", $"{inputSize}x{inputSize}→{inputSize * generator.Factor}x{inputSize * generator.Factor}", channels, inputSize, inputSize, channels, generator.Factor);

    // 2x − 1 in, (y + 1) / 2 clipped out: DcganGenerator.FromUnitRange and ToUnitRange as graph nodes.
    private static IReadOnlyList<string> ConvertUnitRange(ExportContext context, UnitRangeTranslator wrapper, IReadOnlyList<string> inputs)
    {
        var graph = context.Graph;
        var scaled = graph.Sub(graph.Mul(inputs[0], graph.Constant([2f])), graph.Constant([1f]));
        var output = context.Convert(wrapper.Generator, scaled, "generator");
        var unit = graph.Mul(graph.Add(output, graph.Constant([1f])), graph.Constant([0.5f]));
        return [graph.Clip(unit, 0f, 1f)];
    }

    /// <summary>The generator between the maps from and to [0, 1].</summary>
    private sealed class UnitRangeTranslator : nn.Module<Tensor, Tensor>
    {
        private readonly nn.Module<Tensor, Tensor> generator;

        public UnitRangeTranslator(nn.Module<Tensor, Tensor> generator) : base(nameof(UnitRangeTranslator))
        {
            this.generator = generator;
            RegisterComponents();
        }

        public nn.Module<Tensor, Tensor> Generator => generator;

        public override Tensor forward(Tensor images) => DcganGenerator.ToUnitRange(generator.call(DcganGenerator.FromUnitRange(images)));
    }
}
