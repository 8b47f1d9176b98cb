using System.Globalization;
using Pipeline.Models.StyleGan;
using Folder = Pipeline.Onnx.StyleGanExportFolder;

namespace Pipeline.Export.Families;

/// <summary>The three files a StyleGAN2 generator exports as, and how each was verified.</summary>
/// <param name="Generator">generator.onnx: (z[, label]; ψ) → image, what <c>GenerateImages</c> and <c>pipeline sample</c> run.</param>
/// <param name="Mapping">mapping.onnx: (z[, label]; ψ) → w.</param>
/// <param name="Synthesis">synthesis.onnx: ws → image, for style mixing.</param>
public sealed record StyleGanOnnxFiles(OnnxExportReport Generator, OnnxExportReport Mapping, OnnxExportReport Synthesis)
{
    /// <summary>The three reports, generator first.</summary>
    public IReadOnlyList<OnnxExportReport> All => [Generator, Mapping, Synthesis];
}

/// <summary>
/// Exports a StyleGAN2 generator as <see cref="Folder.GeneratorFile"/>, <see cref="Folder.MappingFile"/> and
/// <see cref="Folder.SynthesisFile"/> (names, roles and metadata keys in <see cref="Folder"/>), each verified against
/// TorchSharp on batches 1 and 7. The batch is symbolic; images are in [0, 1]. The synthesis runs with
/// <see cref="NoiseMode.Fixed"/>: its per-layer noise images become constants of the graphs, so the files are
/// deterministic functions of their inputs (what ML.NET's row-by-row and batched paths, and parity checks, need).
/// ψ is an input with a default (the truncation argument of <see cref="Export"/>): a caller that feeds only z
/// (and label), as <c>GenerateImages</c> does, gets that ψ; ONNX Runtime users can feed another.
/// </summary>
public static class StyleGanOnnxExport
{
    /// <summary>Batch sizes every file is verified on: 1 and an odd size that catches batch-dependent reshapes.</summary>
    public static IReadOnlyList<int> VerificationBatchSizes { get; } = [1, 7];

    /// <summary>
    /// Writes and verifies the three files into <paramref name="directory"/> (pass the moving-average generator for
    /// the weights sampling uses). <paramref name="truncation"/> is ψ when the input is not fed (1: none).
    /// <paramref name="classNames"/>, one per class of a conditional generator, go into the metadata.
    /// The generator's noise mode is restored afterwards.
    /// </summary>
    public static StyleGanOnnxFiles Export(StyleGenerator generator, string directory, string runId, double truncation = 1.0,
        int opset = OnnxVersions.DefaultOpset, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (!double.IsFinite(truncation))
        {
            throw new ArgumentOutOfRangeException(nameof(truncation), truncation, "The default truncation ψ must be a finite number (1 for none, 0.5–0.8 for cleaner samples).");
        }

        var o = generator.Options;
        Directory.CreateDirectory(directory);
        var registry = StyleGanExportGraphs.Registry();
        var metadata = Metadata(o, runId, truncation, classNames);
        var noise = generator.Synthesis.NoiseMode;
        generator.Synthesis.NoiseMode = NoiseMode.Fixed;
        try
        {
            // Not disposed: disposing a module disposes its children, and each wrapper's child is the caller's generator.
            var zLabel = o.IsConditional
                ? new[] { OnnxTensorSpec.Batched(Folder.Latent, o.LatentSize), new OnnxTensorSpec(Folder.Label, [OnnxGraphBuilder.DynamicBatch], OnnxElementType.Int64) { IndexLimit = o.ClassCount } }
                : [OnnxTensorSpec.Batched(Folder.Latent, o.LatentSize)];
            OnnxTensorSpec[] latentInputs = [.. zLabel, new OnnxTensorSpec(Folder.Truncation, [1])];
            var mapping = Write(StyleGanExportGraphs.Create(generator, StyleGraphOutput.Style, truncation), registry, directory, Folder.MappingFile, latentInputs, Folder.Style,
                metadata with { Role = Folder.MappingRole }, opset, generator.Mapping);
            var synthesis = Write(new UnitRangeSynthesis(generator), registry, directory, Folder.SynthesisFile,
                [OnnxTensorSpec.Batched(Folder.Styles, o.StyleCount, o.StyleSize)], Folder.Image,
                metadata with { Role = Folder.SynthesisRole }, opset, generator.Synthesis);
            var image = Write(StyleGanExportGraphs.Create(generator, StyleGraphOutput.Image, truncation), registry, directory, Folder.GeneratorFile, latentInputs, Folder.Image,
                metadata with { Role = OnnxMetadataKeys.Roles.Generator }, opset, generator);
            return new StyleGanOnnxFiles(image, mapping, synthesis);
        }
        finally
        {
            generator.Synthesis.NoiseMode = noise;
        }
    }

    // One verified file; the report counts the parameters of the part of the generator the file holds.
    private static OnnxExportReport Write(nn.Module graph, ConverterRegistry registry, string directory, string file, IReadOnlyList<OnnxTensorSpec> inputs,
        string output, OnnxModelMetadata metadata, int opset, nn.Module part)
    {
        var report = OnnxExporter.Export(graph, new OnnxExportOptions
        {
            OutputPath = Path.Combine(directory, file),
            Inputs = inputs,
            OutputNames = [output],
            GraphName = $"stylegan2_{Path.GetFileNameWithoutExtension(file)}",
            Opset = opset,
            Metadata = metadata,
            VerificationBatchSizes = VerificationBatchSizes,
        }, registry);
        return report with { ParameterCount = part.parameters().Sum(p => p.numel()) };
    }

    private static OnnxModelMetadata Metadata(StyleGanOptions o, string runId, double truncation, IReadOnlyList<string>? classNames) =>
        ImageMetadata.UnitRange(Folder.ModelFamily, o.Channels, o.ImageSize, o.ImageSize, runId).WithClasses(o.ClassCount, classNames) with
        {
            LatentSize = o.LatentSize,
            Extra = new Dictionary<string, string>
            {
                [Folder.StyleCountKey] = o.StyleCount.ToString(CultureInfo.InvariantCulture),
                [Folder.StyleSizeKey] = o.StyleSize.ToString(CultureInfo.InvariantCulture),
                [Folder.TruncationKey] = truncation.ToString("R", CultureInfo.InvariantCulture),
                [Folder.NoiseKey] = "fixed",
            },
        };
}
