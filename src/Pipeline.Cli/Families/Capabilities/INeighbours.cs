namespace Pipeline.Cli.Families.Capabilities;

/// <summary><c>neighbours</c>: Generated images beside their nearest training images.</summary>
internal interface INeighbours : ICapability
{
    string ICapability.Verb => "neighbours";

    void Neighbours(VerbContext context);
}
