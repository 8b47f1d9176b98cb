using Pipeline.Inference;
using Pipeline.Inference.Reconstruction;

namespace Pipeline.Cli.Families.Exported;

/// <summary><c>reconstruct</c> on an exported VAE (EncodeToLatent → DecodeFromLatent) or VQ-VAE-2 (EncodeToCodes → DecodeFromCodes) in ML.NET.</summary>
internal sealed class ExportedReconstruct : IReconstruct
{
    public void Reconstruct(VerbContext context, int images) =>
        Terminal.Wrote(InferenceRequests.Run(() => ExportedModelOperations.Reconstruct(new ReconstructRequest(context.Path, images, context.Output))).Picture);
}
