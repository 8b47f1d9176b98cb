using Pipeline.Cli.Families;

namespace Pipeline.Cli.Commands;

/// <summary><c>edit RUN</c>:  originals, reconstructions and edits in three rows.:latent editing of test images.</summary>
internal static class EditCommand
{
    public static Command Create(FamilyRegistry registry) =>
        new FamilyVerb<IEdit>(registry, "edit", "Encode test images, shift chosen latent dimensions, decode")
            .Does((capability, context, _) => capability.Edit(context));
}
