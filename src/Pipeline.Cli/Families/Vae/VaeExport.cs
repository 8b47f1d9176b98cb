using Pipeline.Application.Vae;
using Pipeline.Cli.Families.Capabilities;
using Pipeline.Training.Vae;
using static TorchSharp.torch;

namespace Pipeline.Cli.Families.Vae;

/// <summary><c>export</c> on a VAE run: encoder.onnx and decoder.onnx verified on real test images, the plain ML.NET zip and a model card.</summary>
internal sealed class VaeExport : IExport
{
    public void Export(VerbContext context, string folder, int opset)
    {
        using var vae = TrainedVae.Load(context.Path, CPU);
        ModelCards.Show(VaeOperations.Export(vae, folder, opset));
    }
}
