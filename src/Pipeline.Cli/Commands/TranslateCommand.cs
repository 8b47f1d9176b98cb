using Pipeline.Cli.Families;
using Pipeline.Cli.Families.Exported;
using Pipeline.Inference.Images;

namespace Pipeline.Cli.Commands;

/// <summary><c>translate MODEL --input DIR --out DIR</c>: image-to-image translation of a folder of images.</summary>
internal static class TranslateCommand
{
    public static Command Create(FamilyRegistry registry)
    {
        var input = new Setting<string>("--input", "a PNG/JPEG image or a folder of them") { Required = true }.ToOption();
        var output = new Setting<string>("--out", "folder for the translated images (the sources' file names, as PNG)") { Required = true }.ToOption();
        var resize = new Setting<string?>("--resize", "images of another size than the model's: stretch (aspect not kept), pad (fit inside, black bars) or crop (centre cut to the model's aspect, then scaled); default: refuse them")
        {
            Choices = [.. Enum.GetNames<ImageFit>().Select(n => n.ToLowerInvariant())], ChoicesIgnoreCase = true,
        }.ToOption();
        var skipBad = new Setting<bool>("--skip-bad", "translate the images that can be when some cannot (truncated, not an image, wrong size), list those skipped and exit 1; default: refuse the run and write nothing").ToOption();
        return new FamilyVerb<ITranslate>(registry, "translate", "Translate images with an exported translator (CycleGAN, pix2pix, super-resolution) through ML.NET. Every input is decoded before anything is written.", writesOneFile: false)
            .With(input)
            .With(output)
            .With(resize)
            .With(skipBad)
            .Does((translator, context, r) => translator.Translate(context, new TranslateRequest(
                r.GetValue(input)!,
                r.GetValue(output)!,
                r.GetValue(resize) is { } fit ? Enum.Parse<ImageFit>(fit, ignoreCase: true) : null,
                r.GetValue(skipBad))));
    }
}
