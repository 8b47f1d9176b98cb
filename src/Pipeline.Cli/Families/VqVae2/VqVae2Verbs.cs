using Pipeline.Inference.Pictures;
using Pipeline.Application.PixelCnn;
using Pipeline.Application.VqVae2;
using Pipeline.Training.VqVae2;
using static TorchSharp.torch;

namespace Pipeline.Cli.Families.VqVae2;

/// <summary>
/// <c>evaluate</c> on a VQ-VAE-2 run: test reconstruction MSE and PSNR, codebook usage and perplexity per level; with
/// trained priors also their test bits per code and class-conditional samples judged by the project's classifier.
/// </summary>
internal sealed class VqVae2Evaluate : IEvaluate
{
    public string Measures => "test reconstruction MSE and PSNR, codebook usage and perplexity per level; with priors, bits per code and class-conditional samples judged by the classifier";

    private readonly Option<string?> _classifier = new("--classifier") { Description = "GAN, VQ-VAE-2: folder of the judging classifier, trained there once if absent (default: classifier/ beside the run)" };
    private readonly Option<int> _samples = new Option<int>("--prior-samples") { Description = "VQ-VAE-2 with priors: class-conditional samples to judge with the classifier (0: none)", DefaultValueFactory = _ => 100 }.AtLeast(0);
    private readonly CategoricalSamplingOptions _sampling = new();

    public IReadOnlyList<Option> Options => [_classifier, _samples, .. _sampling.All];

    public void Evaluate(VerbContext context)
    {
        var sampling = _sampling.Read(context);   // checked before the model loads
        using var model = VqVae2Family.Load(context);
        var report = VqVae2Operations.Evaluate(model, context.Device, context.Value(_classifier), context.Value(_samples), sampling, context.Seed, Terminal.Notes);
        Terminal.Summary($"VQ-VAE-2 evaluation ({model.Run.Id}, step {model.Step})", VqVae2Figures.Autoencoder(report.Evaluation, model.Config.Model.CodebookSize));
        if (report.Evaluation.Priors is { } priors)
        {
            Terminal.Summary($"VQ-VAE-2 priors ({model.Run.Id})", VqVae2Figures.Priors(priors, model.Data.Train.ClassNames));
        }

        Terminal.Wrote("evaluation", report.Path);
    }
}

/// <summary><c>reconstruct</c> on a VQ-VAE-2 run: test images and their decodings from both code grids in alternating rows.</summary>
internal sealed class VqVae2Reconstruct : IReconstruct
{
    public void Reconstruct(VerbContext context, int images)
    {
        using var model = VqVae2Family.Load(context);
        Terminal.Wrote(VqVae2Operations.Reconstruct(model, context.Device, images, context.Output));
    }
}

/// <summary><c>extract-codes</c> on a VQ-VAE-2 run: top and bottom code grids of every training and test image, with labels, as IDX files.</summary>
internal sealed class VqVae2ExtractCodes : IExtractCodes
{
    public void ExtractCodes(VerbContext context, string folder)
    {
        using var model = VqVae2Family.Load(context);
        CodeExtractionReport report = null!;
        CountProgressBar.Run($"extracting codes (step {model.Step})", model.Data.Train.Count + model.Data.Test.Count, "images",
            encoded => report = VqVae2Codes.Extract(model, context.Device, folder, new Reported<int>(encoded)));
        foreach (var (split, count, files) in report.Splits)
        {
            Terminal.Wrote($"{split} codes ({count} images)", $"{files.Top}, {files.Bottom}, {files.Labels}");
        }
    }
}

/// <summary>
/// <c>sample</c> on a VQ-VAE-2 run with trained priors: ancestral samples (top codes, then bottom codes, then decode)
/// with temperature, top-k and top-p, as a PNG grid per class and/or IDX files with the requested labels.
/// </summary>
internal sealed class VqVae2Sample : AutoregressiveRunSample
{
    protected override IReadOnlyList<Picture> Draw(VerbContext context, SampleRequest request)
    {
        using var model = VqVae2Family.Load(context);
        using var priors = VqVae2Priors.Load(model, context.Device);
        CategoricalSamplingOptions.Refuse(request, context.Path, priors.Top.Model, priors.Bottom.Model);
        return VqVae2Operations.Sample(model, priors, context.Device, request, Terminal.Notes);
    }
}

/// <summary><c>export</c> on a VQ-VAE-2 run: encoder.onnx and decoder.onnx verified on real test images (and the priors when trained), the plain ML.NET zip and a model card.</summary>
internal sealed class VqVae2Export : IExport
{
    public void Export(VerbContext context, string folder, int opset)
    {
        using var model = TrainedVqVae2.Load(context.Path, CPU);
        ModelCards.Show(VqVae2Operations.Export(model, folder, opset, Terminal.Notes));
    }
}
