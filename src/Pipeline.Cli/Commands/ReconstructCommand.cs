using Pipeline.Cli.Families;

namespace Pipeline.Cli.Commands;

/// <summary><c>reconstruct RUN</c>: test images next to their reconstructions.</summary>
internal static class ReconstructCommand
{
    public static Command Create(FamilyRegistry registry)
    {
        var images = new Option<int>("--images") { Description = "test images", DefaultValueFactory = _ => 32 }.AtLeast(1);
        return new FamilyVerb<IReconstruct>(registry, "reconstruct", "Encode test images and decode them: originals and reconstructions in alternating rows.")
            .With(images)
            .Does((reconstructor, context, r) => reconstructor.Reconstruct(context, r.GetValue(images)));
    }
}
