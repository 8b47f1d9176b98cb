using Pipeline.Models.PixelCnn;

namespace Pipeline.Export.Families;

/// <summary>The two priors of an exported VQ-VAE-2 (top-prior.onnx, bottom-prior.onnx).</summary>
/// <param name="Top">The class-conditional prior over the top grid.</param>
/// <param name="Bottom">The prior over the bottom grid given the top grid (input <c>condition</c>) and the class.</param>
public sealed record VqVae2PriorOnnxFiles(OnnxExportReport Top, OnnxExportReport Bottom);

/// <summary>
/// Exports a VQ-VAE-2's priors through <see cref="PixelCnnOnnxExport"/> beside its encoder and decoder, family "vqvae2",
/// with <see cref="OnnxMetadataKeys.Autoregressive.Level"/> saying which level each models. A sampler draws the top grid
/// from top-prior.onnx, then the bottom grid from bottom-prior.onnx with that top grid as <c>condition</c>, then runs decoder.onnx.
/// </summary>
public static class VqVae2PriorOnnxExport
{
    /// <summary>File of the top prior inside the export folder.</summary>
    public const string TopPriorFile = VqVae2ExportFolder.TopPriorFile;

    /// <summary>File of the bottom prior inside the export folder.</summary>
    public const string BottomPriorFile = VqVae2ExportFolder.BottomPriorFile;

    /// <summary>The model family both priors' metadata name, the autoencoder's.</summary>
    public const string ModelFamily = VqVae2ExportFolder.ModelFamily;

    /// <summary>
    /// Writes and verifies both priors in <paramref name="directory"/>: random inputs on batches 1 and 5, and the real
    /// code grids of <paramref name="realCodes"/> (top (N, t, t), bottom (N, b, b), labels (N)) when given.
    /// </summary>
    public static VqVae2PriorOnnxFiles Export(PixelCnn topPrior, PixelCnn bottomPrior, string directory, string runId,
        (Tensor Top, Tensor Bottom, Tensor Labels)? realCodes = null, int opset = OnnxVersions.DefaultOpset, IReadOnlyList<string>? classNames = null)
    {
        IReadOnlyList<IReadOnlyList<Tensor>>? TopInputs() => realCodes is { } c ? [topPrior.Options.IsClassConditional ? [c.Top, c.Labels] : [c.Top]] : null;
        IReadOnlyList<IReadOnlyList<Tensor>>? BottomInputs() => realCodes is { } c ? [bottomPrior.Options.IsClassConditional ? [c.Bottom, c.Labels, c.Top] : [c.Bottom, c.Top]] : null;
        var top = PixelCnnOnnxExport.Export(topPrior, directory, runId, ModelFamily, TopPriorFile, TopInputs(), opset, OnnxMetadataKeys.Autoregressive.TopLevel, classNames);
        var bottom = PixelCnnOnnxExport.Export(bottomPrior, directory, runId, ModelFamily, BottomPriorFile, BottomInputs(), opset, OnnxMetadataKeys.Autoregressive.BottomLevel, classNames);
        return new VqVae2PriorOnnxFiles(top, bottom);
    }
}
