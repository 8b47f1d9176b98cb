using Pipeline.Cli.Families.Capabilities;

namespace Pipeline.Cli.Families.VqVae2;

/// <summary><c>reconstruct</c> on a VQ-VAE-2 run: test images and their decodings from both code grids in alternating rows.</summary>
internal sealed class VqVae2Reconstruct : IReconstruct
{
    public void Reconstruct(VerbContext context, int images)
    {
        using var model = VqVae2Family.Load(context);
        VqVae2Jobs.Reconstruct(model, context.Device, images, context.Output);
    }
}
