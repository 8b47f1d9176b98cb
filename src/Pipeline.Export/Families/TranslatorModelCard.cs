using Pipeline.Export.Cards;

namespace Pipeline.Export.Families;

/// <summary>What a translator export's card says about its generator(s) and files; the caller adds the training history.</summary>
public static class TranslatorModelCard
{
    /// <param name="runId">the run it came from</param>
    /// <param name="architecture">one sentence on the networks and losses, with their papers</param>
    /// <param name="exports">each exported file with its description (direction, sizes)</param>
    public static ModelCard Create(string runId, string architecture, IReadOnlyList<(TranslatorDescription Description, OnnxExportReport Report)> exports)
    {
        var first = exports[0].Report;
        var files = exports.Select(e =>
        {
            var d = e.Description;
            return $"`{Path.GetFileName(e.Report.Path)}`: {d.Direction}, {d.InputChannels}x{d.InputHeight}x{d.InputWidth} → {d.OutputChannels}x{d.InputHeight * d.Scale}x{d.InputWidth * d.Scale}"
                + (d.SizeMultiple > 1 ? $" (any H, W that are multiples of {d.SizeMultiple})" : " (any H, W)");
        });
        return new ModelCard()
            .Heading($"Image translator `{runId}`", level: 1)
            .Paragraph(architecture)
            .Bullets(files)
            .Files(exports.Select(e => e.Report).ToArray())
            .Paragraph("Input `image` (batch, C, H, W) float32 in [0, 1]; output `translated` in [0, 1] (the generator's tanh output mapped by (y + 1) / 2, "
                + "clipped). Batch, height and width are symbolic; the metadata's image size is the trained one. The graph is traced in eval mode: "
                + "dropout is the identity (pix2pix used dropout as noise at test time; this export is deterministic) and instance norm uses each image's own statistics, as in training. "
                + $"ONNX opset {first.Opset}; verified with ONNX Runtime against TorchSharp on batches [{string.Join(", ", first.BatchSizes)}], tolerance 1e-4.");
    }
}
