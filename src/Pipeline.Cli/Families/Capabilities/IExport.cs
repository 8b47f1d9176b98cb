namespace Pipeline.Cli.Families.Capabilities;

/// <summary><c>export</c>: Writes verified ONNX files and a model card into a folder.</summary>
internal interface IExport : ICapability
{
    string ICapability.Verb => "export";

    void Export(VerbContext context, string folder, int opset);
}
