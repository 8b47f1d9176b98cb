using Pipeline.Cli.Families.Capabilities;

namespace Pipeline.Cli.Families.VqVae2;

/// <summary><c>extract-codes</c> on a VQ-VAE-2 run: top and bottom code grids of every training and test image, with labels, as IDX files.</summary>
internal sealed class VqVae2ExtractCodes : IExtractCodes
{
    public void ExtractCodes(VerbContext context, string folder)
    {
        using var model = VqVae2Family.Load(context);
        VqVae2Jobs.ExtractCodes(model, context.Device, folder);
    }
}
