using Pipeline.Cli.Families;

namespace Pipeline.Cli.Commands;

/// <summary><c>arithmetic RUN</c>:  G(a), G(b), G(c), G(a - b + c).:class-mean latent arithmetic.</summary>
internal static class ArithmeticCommand
{
    public static Command Create(FamilyRegistry registry) =>
        new FamilyVerb<IArithmetic>(registry, "arithmetic", "Mean latent of each class (as the classifier sees the samples) and a - b + c, one row per triple")
            .Does((capability, context, _) => capability.Arithmetic(context));
}
