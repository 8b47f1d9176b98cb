namespace Pipeline.Cli.Families.Capabilities;

/// <summary><c>traverse</c>: Sweeps latent dimensions over a grid.</summary>
internal interface ITraverse : ICapability
{
    string ICapability.Verb => "traverse";

    void Traverse(VerbContext context);
}
