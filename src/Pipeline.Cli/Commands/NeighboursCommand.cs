using Pipeline.Cli.Families;

namespace Pipeline.Cli.Commands;

/// <summary><c>neighbours RUN</c>: generated images beside their nearest training images.</summary>
internal static class NeighboursCommand
{
    public static Command Create(FamilyRegistry registry) =>
        new FamilyVerb<INeighbours>(registry, "neighbours", "Each generated image beside its k nearest training images in pixel L2, to show the generator is not copying its data.")
            .Does((capability, context, _) => capability.Neighbours(context));
}
