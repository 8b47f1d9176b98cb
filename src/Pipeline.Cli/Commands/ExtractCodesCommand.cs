using Pipeline.Cli.Families;

namespace Pipeline.Cli.Commands;

/// <summary><c>extract-codes RUN</c>: the discrete codes of every training and test image, for training priors over them.</summary>
internal static class ExtractCodesCommand
{
    public static Command Create(FamilyRegistry registry)
    {
        var output = new Setting<string?>("--out", "folder for the code files (default: the run's codes/)").ToOption();
        return new FamilyVerb<IExtractCodes>(registry, "extract-codes", "Encode the run's training and test images to their discrete codes (IDX int32 grids) and labels (IDX ubyte), the input of the prior stage.", writesOneFile: false)
            .With(output)
            .Does((extractor, context, r) => extractor.ExtractCodes(context, r.GetValue(output) ?? System.IO.Path.Combine(context.Path, "codes")));
    }
}
