using Pipeline.Cli.Families;

namespace Pipeline.Cli.Commands;

/// <summary><c>reconstruct RUN</c>: test images next to their reconstructions.</summary>
internal static class ReconstructCommand
{
    public static Command Create(FamilyRegistry registry)
    {
        var images = new Setting<int>("--images", "test images") { Default = 32, Rule = AtLeast(1) }.ToOption();
        return new FamilyVerb<IReconstruct>(registry, "reconstruct", "Encode test images and decode them: originals and reconstructions in alternating rows.")
            .With(images)
            .Does((reconstructor, context, r) => reconstructor.Reconstruct(context, r.GetValue(images)));
    }
}
