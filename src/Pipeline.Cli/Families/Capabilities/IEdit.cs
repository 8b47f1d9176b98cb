namespace Pipeline.Cli.Families.Capabilities;

/// <summary><c>edit</c>: Shifts chosen latent dimensions of encoded test images.</summary>
internal interface IEdit : ICapability
{
    string ICapability.Verb => "edit";

    void Edit(VerbContext context);
}
