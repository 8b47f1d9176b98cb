namespace Pipeline.Cli.Families.Capabilities;

/// <summary><c>interpolate</c>: Walks between latents.</summary>
internal interface IInterpolate : ICapability
{
    string ICapability.Verb => "interpolate";

    void Interpolate(VerbContext context);
}
