using Pipeline.Cli.Families;

namespace Pipeline.Cli.Commands;

/// <summary><c>interpolate RUN</c>: latent interpolation grids.</summary>
internal static class InterpolateCommand
{
    public static Command Create(FamilyRegistry registry) =>
        new FamilyVerb<IInterpolate>(registry, "interpolate", "Walk between two latents, linearly or on the sphere (slerp); a conditional GAN draws the same walk for every class, one row each.")
            .Does((capability, context, _) => capability.Interpolate(context));
}
