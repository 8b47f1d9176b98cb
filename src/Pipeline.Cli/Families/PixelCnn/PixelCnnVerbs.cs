using System.CommandLine;
using Pipeline.Cli.Console;
using Pipeline.Cli.Families.Capabilities;
using Pipeline.Cli.Options;
using Pipeline.Onnx.Sampling;
using Pipeline.Training.PixelCnn;
using static TorchSharp.torch;

namespace Pipeline.Cli.Families.PixelCnn;

/// <summary><c>sample</c> on a PixelCNN run: ancestral samples (temperature, top-k, top-p), PNG grid per class and/or IDX files.</summary>
internal sealed class PixelCnnSample : ISample
{
    private readonly CategoricalSamplingOptions _sampling = new();
    private readonly Option<int[]> _labels = SampleOptions.Labels();
    private readonly Option<string> _format = SampleOptions.Format();

    public IReadOnlyList<Option> Options => [.. _sampling.All, _labels, _format];

    public void Sample(VerbContext context, int count)
    {
        var sampling = _sampling.Read(context);
        var format = context.Value(_format);
        using var model = PixelCnnFamily.Load(context);
        CategoricalSamplingOptions.RefuseGuidance(sampling, model.Net.Options.UnconditionalLabel, context.Path);
        PixelCnnJobs.Sample(model, context.Device, count, context.Value(_labels), sampling, context.Seed, SampleOptions.WritesPng(format), SampleOptions.WritesIdx(format), context.Output);
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
        PixelCnnJobs.Evaluate(model, context.Device, context.Value(_wholeTestSet));
    }
}

/// <summary><c>export</c> on a PixelCNN run: pixelcnn.onnx (logits at every pixel for image + class) and a model card.</summary>
internal sealed class PixelCnnExport : IExport
{
    public void Export(VerbContext context, string folder, int opset)
    {
        using var model = TrainedPixelCnn.Load(context.Path, CPU);
        PixelCnnJobs.Export(model, folder, opset);
    }
}
