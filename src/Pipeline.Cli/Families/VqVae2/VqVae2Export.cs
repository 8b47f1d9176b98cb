using System.Globalization;
using Pipeline.Cli.Console;
using Pipeline.Cli.Families.Capabilities;
using Pipeline.Export.Cards;
using Pipeline.Export.Families;
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
        Terminal.Wrote("model card", card.Write(directory));
        return files;
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
