using System.Globalization;
using Pipeline.Export.Cards;
using Pipeline.Export.Families;
using Pipeline.Training.PixelCnn;
using Pipeline.Training.VqVae2;

namespace Pipeline.Application.VqVae2;

/// <summary>The model card of an exported VQ-VAE-2 run: the autoencoder, its training and, when exported with them, its priors.</summary>
internal static class VqVae2RunCard
{
    public static ModelCard Create(TrainedVqVae2 model, VqVae2OnnxFiles files)
    {
        var o = model.Config.Model;
        var t = model.Config.Training;
        var metrics = new MetricsLog<VqVae2Metrics>(model.Run.MetricsPath).ReadAll();
        var last = metrics.Count > 0 ? metrics[^1] : null;
        string F(double value, string format = "F2") => value.ToString(format, CultureInfo.InvariantCulture);
        var history = new List<string>
        {
            $"data: {model.Config.Data.Kind} from `{model.Config.Data.Path}`{(model.Config.Data.TrainLimit is { } n ? $" (first {n} training images)" : "")}",
            $"Adam, learning rate {F(t.LearningRate, "G")}, batch {t.BatchSize}, {model.Step} steps, β = {F(o.CommitmentCost, "G")}, EMA decay {F(o.Decay, "G")}, seed {t.Seed}",
        };
        if (last is not null)
        {
            history.Add($"last metrics line (epoch {F(last.Epoch)}): test MSE {F(last.TestMse, "F5")}, PSNR {F(last.TestPsnr)} dB; perplexity top {F(last.Top.Perplexity, "F1")} ({last.Top.Used} codes used), bottom {F(last.Bottom.Perplexity, "F1")} ({last.Bottom.Used} used)");
        }

        return new ModelCard()
            .Heading($"VQ-VAE-2 `{model.Run.Id}`", level: 1)
            .Paragraph($"A two-level VQ-VAE-2 (Razavi et al. 2019): {o.Channels}x{o.ImageSize}x{o.ImageSize} images in [0, 1] → a {o.BottomGrid}x{o.BottomGrid} bottom grid and a {o.TopGrid}x{o.TopGrid} top grid of codes, {o.CodebookSize} codes of dimension {o.CodeDim} per level (EMA codebooks); the bottom quantisation is conditioned on the decoded top codes; trunks of {o.HiddenChannels} channels with {o.ResidualBlocks} residual blocks.")
            .Files(files.Encoder, files.Decoder)
            .Paragraph($"`encoder.onnx` quantises with ArgMin over ‖e‖² − 2 z·e and returns int64 `top_codes` and `bottom_codes`; `decoder.onnx` takes both grids (int64, values in [0, {o.CodebookSize})) and returns the image clipped to [0, 1]. Metadata `pipeline.codes.*` gives the grids and codebook sizes. Batch size is dynamic. ONNX opset {files.Encoder.Opset}; verified with ONNX Runtime against TorchSharp on batches [{string.Join(", ", files.Encoder.BatchSizes)}] including real test images: decoded images within 1e-4; every code ONNX Runtime returns is a nearest code of TorchSharp's encoder output (within 1e-4 of ‖z‖² in squared distance); codes differ from TorchSharp's only at such ties: top {files.Encoder.MaxAbsDifference[VqVae2OnnxExport.TopCodes]:P3}, bottom {files.Encoder.MaxAbsDifference[VqVae2OnnxExport.BottomCodes]:P3} of codes.")
            .Heading("Training")
            .Bullets(history)
            .Heading("In ML.NET")
            .Paragraph("""
                ```csharp
                var pipeline = ml.Transforms.EncodeToCodes(["Top", "Bottom"], "Image", "encoder.onnx")                    // Vector<Int64, t, t>, Vector<Int64, b, b>
                    .Append(ml.Transforms.DecodeFromCodes("Reconstruction", "decoder.onnx", ["Top", "Bottom"], imageColumnName: "Picture"));
                ```
                """);
    }

    public static ModelCard AddPriors(ModelCard card, VqVae2Priors priors, VqVae2PriorOnnxFiles files)
    {
        string Bits(TrainedVqVae2Prior prior)
        {
            var metrics = new MetricsLog<PixelCnnMetrics>(prior.Run.MetricsPath).ReadAll();
            return metrics.Count > 0 ? $"{metrics[^1].TestBitsPerDimension.ToString("F4", CultureInfo.InvariantCulture)} bits per code on {metrics[^1].TestImages} test grids after {prior.Step} steps" : "not measured";
        }

        var (t, b) = (priors.Top.Model.Options, priors.Bottom.Model.Options);
        return card.Heading("Priors")
            .Files(files.Top, files.Bottom)
            .Paragraph($"Gated PixelCNNs (van den Oord et al. 2016) over the codes, trained on codes extracted once by this autoencoder (`train vqvae2-prior`). "
                + $"`top-prior.onnx`: `grid` int64 [batch, {t.Height}, {t.Width}] in [0, {t.Levels}), `label` int64 [batch] in [0, {t.LabelCount}) → `logits` [batch, {t.Levels}, {t.Height}, {t.Width}]; {t.Layers} layers of {t.Channels} channels; {Bits(priors.Top)}. "
                + $"`bottom-prior.onnx`: `grid` int64 [batch, {b.Height}, {b.Width}], `label`, `condition` int64 [batch, {b.ConditionHeight}, {b.ConditionWidth}] (the top codes, upsampled inside the graph) → `logits` [batch, {b.Levels}, {b.Height}, {b.Width}]; {b.Layers} layers of {b.Channels} channels; {Bits(priors.Bottom)}. "
                + $"Metadata `pipeline.autoregressive.*` gives grids, codebook sizes and `level` (top|bottom); class count in `pipeline.class_count`. "
                + "Ancestral sampling: the top grid position by position in raster order, then the bottom grid given it, then `decoder.onnx`. "
                + $"Verified with ONNX Runtime against TorchSharp on batches [{string.Join(", ", files.Top.BatchSizes)}] including the codes of real test images, tolerance 1e-4."
                + (t.UnconditionalLabel && b.UnconditionalLabel ? " " + PixelCnnModelCard.Guidance(t) : string.Empty));
    }
}
