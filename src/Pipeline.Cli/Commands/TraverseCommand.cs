using Pipeline.Cli.Families;

namespace Pipeline.Cli.Commands;

/// <summary><c>traverse RUN</c>: the lecture's latent traversal grid.</summary>
internal static class TraverseCommand
{
    public static Command Create(FamilyRegistry registry) =>
        new FamilyVerb<ITraverse>(registry, "traverse", "Sweep two latent dimensions over a grid with the others fixed; with a 2-D latent this draws the learned manifold.")
            .Does((capability, context, _) => capability.Traverse(context));
}
