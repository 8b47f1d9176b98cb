using System.Globalization;
using Pipeline.Export.Cards;
using Pipeline.Models.StyleGan;
using Folder = Pipeline.Onnx.StyleGanExportFolder;

namespace Pipeline.Export.Families;

/// <summary>What a StyleGAN2 export's card says about the generator and its three files; the caller adds the training history.</summary>
public static class StyleGanModelCard
{
    /// <param name="o">the generator's options</param>
    /// <param name="files">the exported files</param>
    /// <param name="runId">the run it came from</param>
    /// <param name="truncation">ψ the files use when their truncation input is not fed</param>
    /// <param name="emaDecay">decay of the exported weights' moving average (0: the raw generator)</param>
    public static ModelCard Create(StyleGanOptions o, StyleGanOnnxFiles files, string runId, double truncation, double emaDecay)
    {
        string N(double value) => value.ToString(CultureInfo.InvariantCulture);
        var label = o.IsConditional ? $" and `{Folder.Label}`, the int64 class index" : "";
        return new ModelCard()
            .Heading($"StyleGAN2 generator `{runId}`", level: 1)
            .Paragraph($"A StyleGAN2 generator (Karras et al. 2020) for {o.Channels}x{o.ImageSize}x{o.ImageSize} images: a {o.MappingLayers}-layer mapping network from z ({o.LatentSize}) "
                + (o.IsConditional ? $"and one of {o.ClassCount} classes (class embedding normalised and concatenated with z, as StyleGAN2-ADA) " : "")
                + $"to w ({o.StyleSize}), and a skip-connection synthesis network of modulated, demodulated 3x3 convolutions from a learned 4x4 constant, taking {o.StyleCount} style vectors (widths {o.WidthAt(4)} down to {o.WidthAt(o.ImageSize)}). "
                + $"Trained against a residual discriminator with minibatch standard deviation{(o.IsConditional ? " and a projection term for the class" : "")}.")
            .Files([.. files.All])
            .Bullets(
            [
                $"`{Folder.GeneratorFile}` takes `{Folder.Latent}`, N(0, I) noise{label}, and returns the image in [0, 1] (the synthesis output x mapped by (x + 1) / 2 and clipped). It is the file `GenerateImages` and `pipeline sample` run.",
                $"`{Folder.MappingFile}` returns w, and `{Folder.SynthesisFile}` turns `{Folder.Styles}` [batch, {o.StyleCount}, {o.StyleSize}] into the image: giving layers below a crossover one w and the rest another mixes two images' coarse and fine styles.",
                $"`{Folder.Truncation}` is ψ of the truncation trick, w' = w_avg + ψ (w - w_avg), towards "
                    + (o.IsConditional ? "the average w of the sample's own class, so truncated samples keep their class" : "the average w")
                    + $". It is an optional input of `{Folder.GeneratorFile}` and `{Folder.MappingFile}` (float [1], left out of the table because it has a default of {N(truncation)}): leave it unfed for that ψ, or feed 1 for the untruncated generator.",
                "The per-pixel noise of every synthesis layer was drawn once and is stored in the files as constants (StyleGAN2's constant noise mode): an image depends only on its inputs, so batched and row-by-row runs (ML.NET) agree and repeated runs are identical.",
            ])
            .Paragraph($"Weights are the {(emaDecay > 0 ? $"exponential moving average (decay {N(emaDecay)}) of the generator's" : "generator's")}. Batch size is dynamic (`batch`). ONNX opset {files.Generator.Opset}; every file verified with ONNX Runtime against TorchSharp on batches [{string.Join(", ", files.Generator.BatchSizes)}] with random inputs (ψ included), tolerance 1e-4.");
    }
}
