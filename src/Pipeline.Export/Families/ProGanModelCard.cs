using System.Globalization;
using Pipeline.Export.Cards;
using Pipeline.Models.ProGan;

namespace Pipeline.Export.Families;

/// <summary>What a Progressive GAN export's card says about the generator and its file; the caller adds the training history.</summary>
public static class ProGanModelCard
{
    /// <param name="o">the generator's options</param>
    /// <param name="report">the exported generator</param>
    /// <param name="runId">the run it came from</param>
    /// <param name="emaDecay">decay of the exported weights' moving average (0: the raw generator)</param>
    public static ModelCard Create(ProGanOptions o, OnnxExportReport report, string runId, double emaDecay)
    {
        string N(double value) => value.ToString(CultureInfo.InvariantCulture);
        var widths = string.Join(", ", Enumerable.Range(0, o.Levels + 1).Select(l => $"{o.SizeAt(l)}: {o.WidthAt(l)}"));
        return new ModelCard()
            .Heading($"Progressive GAN generator `{runId}`", level: 1)
            .Paragraph($"The generator of a Progressive GAN (Karras et al. 2018) for {o.Channels}x{o.ImageSize}x{o.ImageSize} images, grown from 4x4 by doubling "
                + $"with fade-in, exported grown (α = 1): equalized learning rate, pixel norm after every convolution, leaky ReLU 0.2, nearest-neighbour upsampling, "
                + $"channels per resolution {widths}, latent size {o.LatentSize}, "
                + (o.IsConditional ? $"class-conditional over {o.ClassCount} classes by a label embedding concatenated with z (each pixel-normalised)" : "unconditional")
                + $". Trained against a minibatch-stddev critic{(o.IsConditional ? " with projection conditioning (Miyato and Koyama 2018)" : "")} with WGAN-GP and the drift term.")
            .Files(report)
            .Paragraph($"`z` is N(0, I) noise; `label` is the int64 class index{(o.IsConditional ? "" : ", ignored by this unconditional generator")}. The output image is in [0, 1]: the generator's linear output mapped by (x + 1) / 2 and clipped. Weights are the {(emaDecay > 0 ? $"exponential moving average (decay {N(emaDecay)}) of the generator's" : "generator's")}. ONNX opset {report.Opset}; verified with ONNX Runtime against TorchSharp on batches [{string.Join(", ", report.BatchSizes)}], tolerance 1e-4.");
    }
}
