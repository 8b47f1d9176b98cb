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
        return GanOnnxExport.Export(generator, new GeneratorShape(o.LatentSize, o.ClassCount, o.Channels, o.ImageSize, ModelFamily, "progan_generator"), directory, runId, opset, classNames);
    }
}
