using System.Globalization;
using Pipeline.Cli.Console;
using Pipeline.Cli.Families.Capabilities;
using Pipeline.Export.Cards;
using Pipeline.Export.Families;
using Pipeline.Training.Batching;
using Pipeline.Training.PixelCnn;
using Pipeline.Training.Runs;
using Pipeline.Training.VqVae2;
using static TorchSharp.torch;

namespace Pipeline.Cli.Families.VqVae2;

/// <summary><c>export</c> on a VQ-VAE-2 run: encoder.onnx and decoder.onnx verified on real test images, and a model card.</summary>
internal sealed class VqVae2Export : IExport
{
    public void Export(VerbContext context, string folder, int opset)
    {
        using var model = TrainedVqVae2.Load(context.Path, CPU);
        Run(model, folder, opset);
    }

    /// <summary>Exports a run's encoder and decoder into <paramref name="directory"/>, verified on real test images.</summary>
    public static VqVae2OnnxFiles Run(TrainedVqVae2 model, string directory, int opset)
    {
        using var scope = NewDisposeScope();
        var test = model.Data.Test;
        var realImages = VqVae2Jobs.TestImages(model, CPU, Math.Min(16, test.Count));
        var files = VqVae2OnnxExport.Export(model.Model, directory, model.Run.Id, test.ClassCount, realImages, opset);
        Terminal.Summary($"ONNX export of {model.Run.Id}", [
            .. ModelCards.Describe("encoder", files.Encoder),
            .. ModelCards.Describe("decoder", files.Decoder),
        ]);
        var card = Card(model, files);
        if (VqVae2Priors.Exist(model.Run.Path))
        {
            using var priors = VqVae2Priors.Load(model, CPU);
            var priorFiles = ExportPriors(model, priors, directory, opset);
            AddPriors(card, priors, priorFiles);
        }
        else
        {
            Terminal.Info($"no trained priors in {Path.Combine(model.Run.Path, "priors")}: exported the autoencoder only (train them with `pipeline train vqvae2-prior --autoencoder {model.Run.Path} --level top`, then `--level bottom`)");
        }

        ModelCards.Write(directory, card);
        return files;
    }

    /// <summary>top-prior.onnx and bottom-prior.onnx, verified on random grids and on the codes of real test images.</summary>
    private static VqVae2PriorOnnxFiles ExportPriors(TrainedVqVae2 model, VqVae2Priors priors, string directory, int opset)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var test = model.Data.Test;
        var count = Math.Min(8, test.Count);
        var (images, labels) = new MiniBatchLoader(test, count, 0, CPU, shuffle: false).Gather(Enumerable.Range(0, count).ToArray());
        var (top, bottom) = model.Model.Encode(images);
        var files = VqVae2PriorOnnxExport.Export(priors.Top.Net, priors.Bottom.Net, directory, model.Run.Id, (top, bottom, labels), opset, model.Config.Data.ClassNames());
        Terminal.Summary($"ONNX export of the priors of {model.Run.Id}", [
            .. ModelCards.Describe("top prior", files.Top),
            .. ModelCards.Describe("bottom prior", files.Bottom),
        ]);
        return files;
    }

    private static void AddPriors(ModelCard card, VqVae2Priors priors, VqVae2PriorOnnxFiles files)
    {
        string Bits(TrainedVqVae2Prior prior)
        {
            var metrics = new MetricsLog<PixelCnnMetrics>(prior.Run.MetricsPath).ReadAll();
            return metrics.Count > 0 ? $"{metrics[^1].TestBitsPerDimension.ToString("F4", CultureInfo.InvariantCulture)} bits per code on {metrics[^1].TestImages} test grids after {prior.Step} steps" : "not measured";
        }

        var (t, b) = (priors.Top.Net.Options, priors.Bottom.Net.Options);
        card.Heading("Priors")
            .Files(files.Top, files.Bottom)
            .Paragraph($"Gated PixelCNNs (van den Oord et al. 2016) over the codes, trained on codes extracted once by this autoencoder (`train vqvae2-prior`). "
                + $"`top-prior.onnx`: `grid` int64 [batch, {t.Height}, {t.Width}] in [0, {t.Levels}), `label` int64 [batch] in [0, {t.LabelCount}) → `logits` [batch, {t.Levels}, {t.Height}, {t.Width}]; {t.Layers} layers of {t.Channels} channels; {Bits(priors.Top)}. "
                + $"`bottom-prior.onnx`: `grid` int64 [batch, {b.Height}, {b.Width}], `label`, `condition` int64 [batch, {b.ConditionHeight}, {b.ConditionWidth}] (the top codes, upsampled inside the graph) → `logits` [batch, {b.Levels}, {b.Height}, {b.Width}]; {b.Layers} layers of {b.Channels} channels; {Bits(priors.Bottom)}. "
                + $"Metadata `pipeline.autoregressive.*` gives grids, codebook sizes and `level` (top|bottom); class count in `pipeline.class_count`. "
                + "Ancestral sampling: the top grid position by position in raster order, then the bottom grid given it, then `decoder.onnx`. "
                + $"Verified with ONNX Runtime against TorchSharp on batches [{string.Join(", ", files.Top.BatchSizes)}] including the codes of real test images, tolerance 1e-4."
                + (t.UnconditionalLabel && b.UnconditionalLabel ? " " + PixelCnnModelCard.Guidance(t) : string.Empty));
    }

    private static ModelCard Card(TrainedVqVae2 model, VqVae2OnnxFiles files)
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
}
