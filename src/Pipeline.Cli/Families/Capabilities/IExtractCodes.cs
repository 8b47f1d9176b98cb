namespace Pipeline.Cli.Families.Capabilities;

/// <summary><c>extract-codes</c>: encodes the run's whole dataset to its discrete codes once, the input of the prior stage.</summary>
internal interface IExtractCodes : ICapability
{
    string ICapability.Verb => "extract-codes";

    void ExtractCodes(VerbContext context, string folder);
}
