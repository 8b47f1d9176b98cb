using System.Globalization;
using Pipeline.Application.Exports;
using Pipeline.Data;
using Pipeline.Data.Hardware;
using Pipeline.Data.Translation;
using Pipeline.Export;
using Pipeline.Export.Families;
using Pipeline.Inference.Pictures;
using Pipeline.Models.Translation;
using Pipeline.Onnx;
using Pipeline.Reports;
using Pipeline.Training.Translation;

namespace Pipeline.Application.Translation;

/// <summary>
/// The export of a translation run: translator.onnx (CycleGAN: translator-a2b.onnx and translator-b2a.onnx), each
/// verified against TorchSharp at two sizes, panels of test images translated through ML.NET from the exported
/// files, the measured ML.NET speed at batch 1 and 64, the plain ML.NET zip of the A → B translator and a model card.
/// </summary>
public static class TranslationExport
{
    /// <summary>The A → B direction's name.</summary>
    public const string Forward = "a2b";

    /// <summary>CycleGAN's B → A direction's name.</summary>
    public const string Backward = "b2a";

    /// <summary>Panels written beside the ONNX files.</summary>
    public const string PanelsFile = "panels.png";

    private static readonly int[] s_batchSizes = [1, 64];

    /// <summary>The ONNX file of one direction in an export folder.</summary>
    public static string FileName(TranslationRunConfig config, string direction) =>
        config.Recipe == TranslationRecipeKind.CycleGan ? $"translator-{direction}.onnx" : "translator.onnx";

    /// <summary>Exports <paramref name="model"/> (loaded on the CPU) into <paramref name="folder"/>; the report lists the panels and the ML.NET speed.</summary>
    public static ExportReport Write(TrainedTranslator model, string folder, int opset = OnnxVersions.DefaultOpset)
    {
        var config = model.Config;
        var (a, b) = config.DomainNames;
        var exports = new List<(TranslatorDescription, OnnxExportReport)>();
        void One(nn.Module<Tensor, Tensor> generator, string direction, string from, string to, int inputChannels, int outputChannels)
        {
            var description = new TranslatorDescription(TranslationOperations.Name(config.Recipe), $"{from}→{to}", inputChannels,
                config.Data.ImageSize / config.Scale, config.Data.ImageSize / config.Scale, outputChannels, config.Scale, SizeMultiple(generator));
            var report = TranslatorOnnxExport.Export(generator, description, Path.Combine(folder, FileName(config, direction)), model.Run.Id, dynamicSize: true, opset);
            exports.Add((description, report));
        }

        One(model.Forward, Forward, a, b, config.InputChannels, config.OutputChannels);
        if (model.Backward is not null)
        {
            One(model.Backward, Backward, b, a, config.OutputChannels, config.InputChannels);
        }

        var examples = model.Test.Take(TranslationImagery.Examples);
        var panels = Path.Combine(folder, PanelsFile);
        SavePanels(panels, exports.Select(e => e.Item2.Path).ToArray(), examples, (a, b));
        var speed = TranslationMlNet.Throughput(exports[0].Item2.Path, model.Test.A.Take(512), s_batchSizes);
        var card = TranslatorModelCard.Create(model.Run.Id, Architecture(config), exports)
            .Heading("Training")
            .Bullets(TranslationFigures.Options(config).Select(r => $"{r.Name}: {r.Value}").Prepend($"{model.Step} steps behind these weights"));
        if (TranslationOperations.ReadEvaluation(model.Run.Path) is { } evaluation)
        {
            card.Heading("Evaluation").Paragraph($"`pipeline evaluate` at step {evaluation.Step} on {evaluation.Images} test images:")
                .Bullets(TranslationFigures.Rows(config, evaluation).Select(r => $"{r.Name.Trim()}: {r.Value}"));
        }

        card.Heading("In ML.NET")
            .Paragraph($"`{PanelsFile}` shows test images translated through `TranslateImages` from these files (columns: "
                + (config.Recipe == TranslationRecipeKind.CycleGan ? $"{a} | {b} | back to {a}, then {b} | {a} | back to {b}" : $"{a} | output | {b}") + ").")
            .Paragraph("```csharp\n"
                + "var pipeline = ml.Transforms.LoadImages(\"Source\", folder, \"Path\")\n"
                + $"    .Append(ml.Transforms.ResizeImages(\"Source\", {exports[0].Item1.InputWidth}, {exports[0].Item1.InputHeight}))\n"
                + $"    .Append(ml.Transforms.TranslateImages(\"Translated\", \"{Path.GetFileName(exports[0].Item2.Path)}\", \"Source\"));   // MLImage → MLImage, batches of 64\n"
                + "```")
            .Bullets(speed.Select(s => $"{s.ImagesPerSecond.ToString("F0", CultureInfo.InvariantCulture)} images/s at batch {s.BatchSize} (512 test images as float vectors, ML.NET 5 on ONNX Runtime, {CpuInstructionSets.Host.Describe()})"));
        return ExportFolder.Complete(folder, model.Run.Id, [.. exports.Select(e => (Path.GetFileNameWithoutExtension(e.Item2.Path), e.Item2))], card) with
        {
            Pictures = [new Picture(panels, "panels (translated through ML.NET from the exported files)")],
            Notes = [$"ML.NET TranslateImages: {string.Join(", ", speed.Select(s => $"{s.ImagesPerSecond:F0} images/s at batch {s.BatchSize}"))}"],
        };
    }

    // Input | ML.NET output | target (paired), or the cycle a | G_A(a) | G_B(G_A(a)) then b | G_B(b) | G_A(G_B(b)) through
    // both files, each section under its column headings.
    private static void SavePanels(string path, string[] files, TranslationImages examples, (string A, string B) names)
    {
        var forward = TranslationMlNet.Translate(files[0], examples.A);
        if (files.Length == 1)
        {
            var paired = forward.Channels == examples.B.Channels && forward.Channels == examples.A.Channels;
            ImageGrid.SaveHeadedPng(path, [(paired ? ["input", "output", "target"] : ["output", "target"],
                TranslationPanels.Compose(paired ? [examples.A, forward, examples.B] : [forward, examples.B]))], Scale(forward));
            return;
        }

        var back = TranslationMlNet.Translate(files[1], forward);
        var backward = TranslationMlNet.Translate(files[1], examples.B);
        var again = TranslationMlNet.Translate(files[0], backward);
        ImageGrid.SaveHeadedPng(path,
        [
            ([names.A, "translated", "back"], TranslationPanels.Compose([examples.A, forward, back])),
            ([names.B, "translated", "back"], TranslationPanels.Compose([examples.B, backward, again])),
        ], Scale(forward));
    }

    private static int Scale(ImageDataset images) => images.Height <= 32 ? 3 : 1;

    private static int SizeMultiple(nn.Module<Tensor, Tensor> generator) => generator switch
    {
        ResnetGenerator g => g.SizeMultiple,
        UNetGenerator g => g.SizeMultiple,
        _ => 1,
    };

    private static string Architecture(TranslationRunConfig c) => c.Recipe switch
    {
        TranslationRecipeKind.CycleGan =>
            $"CycleGAN (Zhu et al. 2017): two ResNet generators (reflection padding, instance norm, {ResnetGenerator.BlocksFor(c.CycleGan!.ImageSize)} residual blocks, width {c.CycleGan.GeneratorWidth}) "
            + $"trained against two PatchGANs with the least-squares GAN loss, cycle loss λ = {c.CycleGan.CycleWeight.ToString(CultureInfo.InvariantCulture)}, identity loss {c.CycleGan.IdentityWeight.ToString(CultureInfo.InvariantCulture)}λ "
            + $"and an image pool of {c.CycleGan.PoolSize}. G_A = G (A → B), G_B = F (B → A) in the paper's notation.",
        TranslationRecipeKind.Pix2Pix =>
            $"pix2pix (Isola et al. 2017): a U-Net generator (depth {UNetGenerator.DepthFor(c.Pix2Pix!.ImageSize)}, width {c.Pix2Pix.GeneratorWidth}, skip connections, dropout {c.Pix2Pix.Dropout.ToString(CultureInfo.InvariantCulture)} while training) "
            + (c.Pix2Pix.Adversarial ? $"trained with a PatchGAN on (input, output) pairs and L1 weight λ = {c.Pix2Pix.L1Weight.ToString(CultureInfo.InvariantCulture)}." : "trained on L1 alone (the baseline, no discriminator)."),
        _ =>
            $"Super-resolution ×{c.SuperResolution!.Factor} (a small SRGAN, Ledig et al. 2017): {c.SuperResolution.Blocks} residual blocks of width {c.SuperResolution.GeneratorWidth}, sub-pixel upsampling (PixelShuffle, DepthToSpace in ONNX), "
            + $"{c.SuperResolution.Content} content loss"
            + (c.SuperResolution.Content == ContentLoss.ClassifierFeatures ? " in the features of the project's Fashion-MNIST classifier (no VGG weights here)" : "")
            + (c.SuperResolution.AdversarialWeight > 0 ? $" plus a PatchGAN's adversarial loss weighted {c.SuperResolution.AdversarialWeight.ToString(CultureInfo.InvariantCulture)}." : " without a discriminator."),
    };
}
