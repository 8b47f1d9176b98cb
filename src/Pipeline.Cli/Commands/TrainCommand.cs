using Pipeline.Cli.Families;

namespace Pipeline.Cli.Commands;

/// <summary><c>train KIND</c>: one subcommand per registered family's training (e.g. vae, gan, cgan).</summary>
internal static class TrainCommand
{
    public static Command Create(FamilyRegistry registry)
    {
        var train = new Command("train", "Train a model; each run writes config, metrics, checkpoints and plots into its own folder.");
        foreach (var subcommand in registry.Families.SelectMany(f => f.TrainCommands))
        {
            train.Subcommands.Add(subcommand);
        }

        return train;
    }
}
