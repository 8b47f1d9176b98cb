using System.Globalization;
using Pipeline.Export.Cards;
using Pipeline.Models.Gans;

namespace Pipeline.Export.Families;

/// <summary>What a GAN export's card says about the generator and its file; the caller adds the training history.</summary>
public static class GanModelCard
{
    /// <param name="o">the generator's options</param>
    /// <param name="report">the exported generator</param>
    /// <param name="runId">the run it came from</param>
    /// <param name="emaDecay">decay of the exported weights' moving average (0: the raw generator)</param>
    /// <param name="classLossWeight">weight of the auxiliary class loss it was trained with (AC-GAN)</param>
    public static ModelCard Create(GanOptions o, OnnxExportReport report, string runId, double emaDecay, double classLossWeight)
    {
        string N(double value) => value.ToString(CultureInfo.InvariantCulture);
        return new ModelCard()
            .Heading($"GAN generator `{runId}`", level: 1)
            .Paragraph($"A DCGAN-style generator (Radford et al. 2016) for {o.Channels}x{o.ImageSize}x{o.ImageSize} images, "
                + (o.IsConditional ? $"class-conditional over {o.ClassCount} classes by conditional batch normalisation" : "unconditional")
                + $", latent size {o.LatentSize}, width {o.GeneratorWidth}{(o.AttentionResolution is { } a ? $", self-attention at {a}x{a}" : "")}. "
                + $"Trained against a {(o.IsConditional ? "projection " : "")}discriminator{(o.SpectralNorm ? " with spectral normalisation" : "")}"
                + (o.AuxiliaryClassifier ? $" and an auxiliary class head (AC-GAN, class-loss weight {N(classLossWeight)})." : "."))
            .Files(report)
            .Paragraph($"`z` is N(0, I) noise (truncate for cleaner images); `label` is the int64 class index{(o.IsConditional ? "" : ", ignored by this unconditional generator")}. The output image is in [0, 1]: the generator's tanh output mapped by (x + 1) / 2. Weights are the {(emaDecay > 0 ? $"exponential moving average (decay {N(emaDecay)}) of the generator's" : "generator's")}. ONNX opset {report.Opset}; verified with ONNX Runtime against TorchSharp on batches [{string.Join(", ", report.BatchSizes)}], tolerance 1e-4.");
    }
}
