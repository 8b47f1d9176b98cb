namespace Pipeline.Cli.Families.Capabilities;

/// <summary><c>mix</c>: Draws images whose styles come from two latents (style mixing).</summary>
internal interface IMix : ICapability
{
    string ICapability.Verb => "mix";

    void Mix(VerbContext context);
}
