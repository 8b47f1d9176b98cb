using Pipeline.Cli.Families.Capabilities;

namespace Pipeline.Cli.Families.Exported;

/// <summary><c>reconstruct</c> on an exported VAE (EncodeToLatent → DecodeFromLatent) or VQ-VAE-2 (EncodeToCodes → DecodeFromCodes) in ML.NET.</summary>
internal sealed class ExportedReconstruct : IReconstruct
{
    public void Reconstruct(VerbContext context, int images) => MlNetJobs.Reconstruct(context.Path, images, context.Output);
}
