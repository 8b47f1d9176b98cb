using System.CommandLine;
using Pipeline.Cli.Console;
using Pipeline.Cli.Options;

namespace Pipeline.Cli.Families;

/// <summary>
/// The shape every <c>train KIND</c> subcommand shares: the family's settings, the runtime options, --out and
/// --resume, Ctrl+C that checkpoints. The family supplies its settings and the call that trains.
/// </summary>
internal static class TrainSubcommand
{
    /// <param name="name">the subcommand, e.g. "vae"</param>
    /// <param name="description">its help text</param>
    /// <param name="settings">options of this family's training; added to the command</param>
    /// <param name="train">trains into <see cref="VerbContext.Path"/> (resuming when asked) and returns the exit code</param>
    public static Command Create(string name, string description, IEnumerable<Option> settings, Func<VerbContext, bool, int> train)
    {
        var command = new Command(name, description);
        var runtime = new RuntimeOptions();
        var folder = new RunFolderOptions(name);
        runtime.AddTo(command);
        foreach (var option in settings)
        {
            command.Options.Add(option);
        }

        folder.AddTo(command);
        command.SetAction(r => Terminal.Guard(() =>
        {
            using var ctrlC = new CtrlC();
            return train(new VerbContext(folder.PathFrom(r), r, runtime, null, ctrlC.Token), r.GetValue(folder.Resume));
        }));
        return command;
    }
}
