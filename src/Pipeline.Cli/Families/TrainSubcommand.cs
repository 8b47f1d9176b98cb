using System.CommandLine;
using Pipeline.Cli.Console;
using Pipeline.Cli.Options;
using Pipeline.Training.Runs;

namespace Pipeline.Cli.Families;

/// <summary>
/// The shape every <c>train KIND</c> subcommand shares: the family's settings, the runtime options, --out and
/// --resume, Ctrl+C that checkpoints, and the run folder's lock. The family supplies its settings and the call that trains.
/// </summary>
internal static class TrainSubcommand
{
    /// <param name="name">the subcommand, e.g. "vae"</param>
    /// <param name="description">its help text</param>
    /// <param name="settings">options of this family's training; added to the command</param>
    /// <param name="train">trains into <see cref="VerbContext.Path"/> (resuming when asked) and returns the exit code</param>
    /// <param name="runPath">for runs that live at a place their settings fix (a VQ-VAE-2 prior inside its autoencoder's
    /// run): the run folder from the command line; such commands have no --out</param>
    public static Command Create(string name, string description, IEnumerable<Option> settings, Func<VerbContext, bool, int> train, Func<ParseResult, string>? runPath = null)
    {
        var command = new Command(name, description);
        var runtime = new RuntimeOptions();
        var folder = new RunFolderOptions(name);
        runtime.AddTo(command);
        foreach (var option in settings)
        {
            command.Options.Add(option);
        }

        if (runPath is null)
        {
            folder.AddTo(command);
        }
        else
        {
            command.Options.Add(folder.Resume);
        }

        command.SetAction(r => Terminal.Guard(() =>
        {
            // One writer per run folder, whatever the family: a second `train` on the same --out refuses.
            var path = runPath?.Invoke(r) ?? folder.PathFrom(r);
            if (r.GetValue(folder.Resume) && !Directory.Exists(path))
            {
                throw new DirectoryNotFoundException($"Run folder not found: {path}");
            }

            using var writing = RunLock.Acquire(path);
            using var ctrlC = new CtrlC();
            return train(new VerbContext(path, r, runtime, null, ctrlC.Token), r.GetValue(folder.Resume));
        }));
        return command;
    }
}
