namespace Pipeline.Cli.Families.Capabilities;

/// <summary><c>reconstruct</c>: encodes test images and decodes them, originals beside reconstructions.</summary>
internal interface IReconstruct : ICapability
{
    string ICapability.Verb => "reconstruct";

    void Reconstruct(VerbContext context, int images);
}
