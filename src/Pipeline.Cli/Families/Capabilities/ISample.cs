namespace Pipeline.Cli.Families.Capabilities;

/// <summary><c>sample</c>: Draws new images from the model and writes them (PNG grid, or the family's other formats).</summary>
internal interface ISample : ICapability
{
    string ICapability.Verb => "sample";

    void Sample(VerbContext context, int count);
}
