using System.Globalization;
using Pipeline.Export.Cards;
using Pipeline.Models.PixelCnn;

namespace Pipeline.Export.Families;

/// <summary>What a PixelCNN export's card says about the network and its file; the caller adds the training history.</summary>
public static class PixelCnnModelCard
{
    /// <param name="o">the network's options</param>
    /// <param name="report">the exported file</param>
    /// <param name="runId">the run it came from</param>
    /// <param name="testBitsPerDimension">test negative log-likelihood in bits per dimension, when evaluated</param>
    public static ModelCard Create(PixelCnnOptions o, OnnxExportReport report, string runId, double? testBitsPerDimension)
    {
        var pixels = o.Input == PixelCnnInput.Intensity;
        var inputs = "`grid` int64 [batch, " + $"{o.Height}, {o.Width}] in [0, {o.Levels})"
            + (o.IsClassConditional ? $", `label` int64 [batch] in [0, {o.LabelCount})" + (o.UnconditionalLabel ? $" ({o.ClassCount}: no class)" : "") : "")
            + (o.IsSpatiallyConditioned ? $", `condition` int64 [batch, {o.ConditionHeight}, {o.ConditionWidth}] in [0, {o.ConditionLevels})" : "");
        var card = new ModelCard()
            .Heading($"PixelCNN `{runId}`", level: 1)
            .Paragraph($"A gated PixelCNN (van den Oord et al. 2016) over {(pixels ? $"{o.Height}x{o.Width} grey images, {o.Levels} levels per pixel" : $"{o.Height}x{o.Width} code grids, codebook size {o.Levels}")}, "
                + (o.IsClassConditional ? $"class-conditional over {o.ClassCount} classes" : "unconditional")
                + $"; {o.Layers} gated layers of {o.Channels} channels (first kernel {o.FirstKernelSize}, then {o.KernelSize}), vertical and horizontal stacks without blind spot.")
            .Files(report)
            .Paragraph($"Inputs: {inputs}. Output: `logits` float32 [batch, {o.Levels}, {o.Height}, {o.Width}]; softmax over axis 1 at (i, j) is p(x_ij | x before (i, j) in raster order). "
                + "Sample by running it once per position in raster order and drawing from the position's softmax. "
                + $"The rows of `grid`{(o.IsSpatiallyConditioned ? ", `condition`" : "")} and `logits` are symbolic: a band of consecutive rows gives its last row's logits exactly when it holds the {o.ReceptiveFieldRows} rows above it (`{OnnxMetadataKeys.Autoregressive.ReceptiveFieldRows}`), so a sampler runs each position on at most {Math.Min(o.Height, o.ReceptiveFieldRows + 1)} of the {o.Height} rows"
                + (o.IsSpatiallyConditioned ? " (with the condition rows from ⌊s·Hc/H⌋, for a band start s where that map shifts by whole rows). " : ". ")
                + $"Masked convolutions are plain Conv nodes with the mask multiplied into the weight. ONNX opset {report.Opset}; verified with ONNX Runtime against TorchSharp on batches [{string.Join(", ", report.BatchSizes)}], tolerance 1e-4.");
        if (o.UnconditionalLabel)
        {
            card.Paragraph(Guidance(o));
        }

        if (testBitsPerDimension is { } bits)
        {
            card.Paragraph($"Test negative log-likelihood: **{bits.ToString("F4", CultureInfo.InvariantCulture)} bits per dimension** (exact, over the whole test set).");
        }

        return card;
    }

    /// <summary>What a model trained with class dropout offers: its "no class" label and classifier-free guidance.</summary>
    public static string Guidance(PixelCnnOptions o) =>
        $"Trained with class dropout: label {o.ClassCount} (`{OnnxMetadataKeys.Autoregressive.UnconditionalLabel}`) means no class, so the same graph gives p(x) too, and a sampler may use classifier-free guidance (Ho & Salimans 2022): draw each position from ℓ∅ + s·(ℓ_class − ℓ∅), where ℓ∅ are the logits for label {o.ClassCount} (`--guidance s`; 1 is the class-conditional model).";
}
