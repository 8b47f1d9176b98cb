using Pipeline.Cli.Families;

namespace Pipeline.Cli.Commands;

/// <summary><c>mix RUN</c>: style mixing, images whose coarse, middle or fine styles come from another latent.</summary>
internal static class MixCommand
{
    public static Command Create(FamilyRegistry registry) =>
        new FamilyVerb<IMix>(registry, "mix", "Style mixing: sources A across, sources B down, each cell an A with one band of styles (coarse, middle or fine) copied from its row's B.")
            .Does((capability, context, _) => capability.Mix(context));
}
