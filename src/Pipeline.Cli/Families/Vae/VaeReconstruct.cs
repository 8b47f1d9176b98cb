using Pipeline.Application.Vae;
using Pipeline.Cli.Console;
using Pipeline.Cli.Families.Capabilities;

namespace Pipeline.Cli.Families.Vae;

/// <summary><c>reconstruct</c> on a VAE run: test images and their decoded posterior means in alternating rows.</summary>
internal sealed class VaeReconstruct : IReconstruct
{
    public void Reconstruct(VerbContext context, int images)
    {
        using var vae = VaeFamily.Load(context);
        Terminal.Wrote(VaeOperations.Reconstruct(vae, context.Device, images, context.Output));
    }
}
