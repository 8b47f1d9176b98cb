using Pipeline.Cli.Families.Exported;

namespace Pipeline.Cli.Families.Capabilities;

/// <summary><c>translate</c>: runs an image-to-image model over a folder (or one file) of images into an output folder.</summary>
internal interface ITranslate : ICapability
{
    string ICapability.Verb => "translate";

    void Translate(VerbContext context, TranslateRequest request);
}
