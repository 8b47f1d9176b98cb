using Pipeline.Application.PixelCnn;
using Pipeline.Inference.Pictures;
using Pipeline.Training.PixelCnn;
using static TorchSharp.torch;

namespace Pipeline.Cli.Families.PixelCnn;

/// <summary><c>sample</c> on a PixelCNN run: ancestral samples (temperature, top-k, top-p), PNG grid per class and/or IDX files.</summary>
internal sealed class PixelCnnSample : AutoregressiveRunSample
{
    protected override IReadOnlyList<Picture> Draw(VerbContext context, SampleRequest request)
    {
        using var model = PixelCnnFamily.Load(context);
        CategoricalSamplingOptions.Refuse(request, context.Path, model.Model);
        return PixelCnnOperations.Sample(model, context.Device, request, Terminal.Notes);
    }
}

/// <summary><c>evaluate</c> on a PixelCNN run: the exact test negative log-likelihood in bits per dimension; optionally samples judged by the classifier.</summary>
internal sealed class PixelCnnEvaluate : IEvaluate
{
    public string Measures => "exact test negative log-likelihood in bits per dimension; with --judge-samples, samples judged by the classifier";

    private readonly Option<bool> _wholeTestSet = new("--whole-test-set") { Description = "PixelCNN: evaluate on the data's whole test set even when the run was trained with --test-limit" };
    private readonly Option<int> _samples = new Option<int>("--judge-samples") { Description = "PixelCNN: samples (every class in turn) to judge with the project's classifier: requested class recognised, Fréchet distance (0: none)", DefaultValueFactory = _ => 0 }.AtLeast(0);
    private readonly Option<string?> _classifier = new("--classifier") { Description = "GAN, VQ-VAE-2: folder of the judging classifier, trained there once if absent (default: classifier/ beside the run)" };
    private readonly CategoricalSamplingOptions _sampling = new();

    public IReadOnlyList<Option> Options => [_wholeTestSet, _samples, _classifier, .. _sampling.All];

    public void Evaluate(VerbContext context)
    {
        var sampling = _sampling.Read(context);   // checked before the model loads
        using var model = PixelCnnFamily.Load(context);
        CategoricalSamplingOptions.RefuseGuidance(sampling, model.Model.Options.UnconditionalLabel, context.Path);
        var report = PixelCnnOperations.Evaluate(model, context.Device, context.Value(_wholeTestSet), context.Value(_samples), sampling, context.Value(_classifier), context.Seed, Terminal.Notes);
        Terminal.Summary($"PixelCNN evaluation ({model.Run.Id}, step {model.Step}, {report.Evaluation.Images} test images)", report.Evaluation.Rows(model.Config.Data.ClassNames() ?? []));
        Terminal.Wrote("evaluation", report.Path);
    }
}

/// <summary><c>export</c> on a PixelCNN run: pixelcnn.onnx (logits at every pixel for image + class) and a model card.</summary>
internal sealed class PixelCnnExport : IExport
{
    public void Export(VerbContext context, string folder, int opset)
    {
        using var model = TrainedPixelCnn.Load(context.Path, CPU);
        ModelCards.Show(PixelCnnOperations.Export(model, folder, opset));
    }
}
