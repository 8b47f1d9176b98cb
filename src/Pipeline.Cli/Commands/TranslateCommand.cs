using System.CommandLine;
using Pipeline.Cli.Families;
using Pipeline.Cli.Families.Capabilities;

namespace Pipeline.Cli.Commands;

/// <summary><c>translate MODEL --input DIR --out DIR</c>: image-to-image translation of a folder of images.</summary>
internal static class TranslateCommand
{
    public static Command Create(FamilyRegistry registry)
    {
        var input = new Option<string>("--input") { Description = "a PNG/JPEG image or a folder of them", Required = true };
        var output = new Option<string>("--out") { Description = "folder for the translated images (the sources' file names, as PNG)", Required = true };
        return new FamilyVerb<ITranslate>(registry, "translate", "Translate images with an exported translator (CycleGAN, pix2pix, super-resolution) through ML.NET.", writesOneFile: false)
            .With(input)
            .With(output)
            .Does((translator, context, r) => translator.Translate(context, r.GetValue(input)!, r.GetValue(output)!));
    }
}
