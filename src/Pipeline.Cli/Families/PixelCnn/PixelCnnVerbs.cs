using System.CommandLine;
using Pipeline.Application.PixelCnn;
using Pipeline.Inference.Pictures;
using Pipeline.Cli.Console;
using Pipeline.Cli.Families.Capabilities;
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

/// <summary><c>evaluate</c> on a PixelCNN run: the exact test negative log-likelihood in bits per dimension.</summary>
internal sealed class PixelCnnEvaluate : IEvaluate
{
    public string Measures => "exact test negative log-likelihood in bits per dimension";

    private readonly Option<bool> _wholeTestSet = new("--whole-test-set") { Description = "PixelCNN: evaluate on the data's whole test set even when the run was trained with --test-limit" };

    public IReadOnlyList<Option> Options => [_wholeTestSet];

    public void Evaluate(VerbContext context)
    {
        using var model = PixelCnnFamily.Load(context);
        var report = PixelCnnOperations.Evaluate(model, context.Device, context.Value(_wholeTestSet));
        Terminal.Summary($"PixelCNN evaluation ({model.Run.Id}, step {model.Step}, {report.Evaluation.Images} test images)", report.Evaluation.Rows);
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
