using Pipeline.Application.Gans;
using Pipeline.Cli.Families.Capabilities;
using Pipeline.Training.Gans;
using static TorchSharp.torch;

namespace Pipeline.Cli.Families.Gan;

/// <summary><c>export</c> on a GAN run: generator.onnx (the moving average when the run keeps one), the plain ML.NET zip and a model card.</summary>
internal sealed class GanExport : IExport
{
    public void Export(VerbContext context, string folder, int opset)
    {
        using var gan = TrainedGan.Load(context.Path, CPU);
        ModelCards.Show(GanOperations.Export(gan, folder, opset));
    }
}
