namespace Pipeline.Cli.Families.Capabilities;

/// <summary><c>arithmetic</c>: Latent vector arithmetic (a - b + c).</summary>
internal interface IArithmetic : ICapability
{
    string ICapability.Verb => "arithmetic";

    void Arithmetic(VerbContext context);
}
