using Pipeline.Application.Settings;
using Pipeline.Application.Training;
using Pipeline.Training.Loop;
using Pipeline.Training.Runs;

namespace Pipeline.Cli.Families;

/// <summary>Where a run lives when its settings fix the place instead of --out (a VQ-VAE-2 prior inside its autoencoder's run).</summary>
/// <param name="Path">the run folder, from the command line</param>
/// <param name="Options">the options that name it again, for the resume hint, e.g. "--autoencoder runs/vq --level top"</param>
internal sealed record RunPlace(Func<ISettingValues, string> Path, Func<ISettingValues, string> Options);

/// <summary>
/// The shape every <c>train KIND</c> subcommand shares: the family's settings, the runtime options, --out and
/// --resume, Ctrl+C that checkpoints, and the run folder's lock. The family supplies its settings and the call that trains.
/// </summary>
internal static class TrainSubcommand
{
    /// <summary>Exit code of a run stopped because it diverged (the last healthy checkpoint is kept).</summary>
    public const int Diverged = 3;

    /// <param name="name">the subcommand, e.g. "vae"</param>
    /// <param name="description">its help text</param>
    /// <param name="settings">options of this family's training; added to the command</param>
    /// <param name="train">trains into <see cref="VerbContext.Path"/> (resuming when asked) and returns the exit code</param>
    /// <param name="place">for runs that live at a place their settings fix: where; such commands have no --out</param>
    public static Command Create(string name, string description, IEnumerable<Option> settings, Func<VerbContext, bool, int> train, RunPlace? place = null)
    {
        var command = new Command(name, description);
        var output = new Option<string?>("--out") { Description = $"run folder (default: runs/{name}-<time>)" };
        var resume = new Option<bool>("--resume") { Description = "continue the run in --out from its last checkpoint, exactly" };
        command.AddOptions(RuntimeSettings.All.ToOptions());
        command.AddOptions(settings.Concat<Option>(place is null ? [output, resume] : [resume]));
        command.SetAction(r => Terminal.Guard(() =>
        {
            // One writer per run folder, whatever the family: a second `train` on the same --out refuses.
            var path = place?.Path(new ParsedSettings(r)) ?? r.GetValue(output) ?? (r.GetValue(resume)
                ? throw new CliError("--resume needs --out RUN_FOLDER: the run to continue.")
                : Path.Combine("runs", $"{name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}"));
            if (r.GetValue(resume) && !Directory.Exists(path))
            {
                throw new DirectoryNotFoundException($"Run folder not found: {path}");
            }

            using var writing = RunLock.Acquire(path);
            using var ctrlC = new CtrlC();
            return train(new VerbContext(path, r, null, ctrlC.Token), r.GetValue(resume));
        }));
        return command;
    }

    /// <summary>
    /// The generic <c>train KIND</c>: the family's options become its config (validated before any work), the shared
    /// training job opens or resumes the run through the family's plan, and the terminal shows it like every other.
    /// </summary>
    /// <param name="name">the subcommand, e.g. "vae"</param>
    /// <param name="description">its help text</param>
    /// <param name="settings">settings of this family's training</param>
    /// <param name="config">the run configuration the settings describe; an <see cref="ArgumentException"/> is a usage error</param>
    /// <param name="plan">the family's part of the training job, for a request</param>
    /// <param name="title">the family's name on the progress bar and the metrics table</param>
    /// <param name="row">one table row per metrics line, or null for no table</param>
    /// <param name="place">for runs that live at a place their settings fix: where; such commands have no --out</param>
    /// <param name="outputs">further files or folders the training writes, relative to the run folder</param>
    public static Command Create<TConfig, TData, TReport, TMetrics>(string name, string description, IEnumerable<Setting> settings, Func<ISettingValues, TConfig> config,
        Func<TrainingRequest<TConfig>, ITrainingPlan<TConfig, TData, TReport, TMetrics>> plan, string title,
        Func<TMetrics, (string Name, string Value)>? row = null, RunPlace? place = null, params (string What, string Path)[] outputs)
        where TConfig : class
        where TReport : IStepReport
        where TMetrics : IStepMetrics =>
        Create(name, description, settings.ToOptions(), (context, resume) =>
        {
            var request = new TrainingRequest<TConfig>(CliError.Check(() => config(context)), context.Path, resume, context.Device);
            var session = TrainingJob.Open(plan(request), request);
            var again = place is null ? null : $"{place.Options(context)} --resume";
            return Train(context, session, name, title, row, again, [.. outputs.Select(o => (o.What, session.Run.File(o.Path)))]);
        }, place);

    /// <summary>
    /// Trains an opened session the way every <c>train</c> subcommand shows it: the family's description, a progress
    /// bar, the metrics table when <paramref name="row"/> is given, what was written, and how to continue an
    /// interrupted run. Returns the exit code (<see cref="Diverged"/> for divergence).
    /// </summary>
    /// <param name="context">the verb's context: its Ctrl+C stops training at a step boundary</param>
    /// <param name="session">the opened run; disposed here</param>
    /// <param name="command">the subcommand, for the resume hint, e.g. "vae"</param>
    /// <param name="title">the family's name on the bar and the table, e.g. "VAE"</param>
    /// <param name="row">one table row per metrics line, or null for no table</param>
    /// <param name="again">the options that continue the run (default: --resume --out RUN)</param>
    /// <param name="outputs">further files or folders the training writes, e.g. fixed-noise samples</param>
    public static int Train<TConfig, TMetrics>(VerbContext context, TrainingSession<TConfig, TMetrics> session, string command, string title,
        Func<TMetrics, (string Name, string Value)>? row = null, string? again = null, params (string What, string Path)[] outputs)
        where TConfig : class
        where TMetrics : IStepMetrics
    {
        var resume = $"train {command} {again ?? $"--resume --out {session.Run.Path}"}";
        using (session)
        {
            foreach (var line in session.Description)
            {
                Terminal.Info(line);
            }

            var run = session.Run;
            if (session.Resumed)
            {
                Terminal.Info($"resumed {run.Path} at step {session.Step} of {session.TotalSteps}");
            }

            var report = TrainingProgressBar.Run($"{title} {run.Id}", session.TotalSteps, session.Step, progress => session.Train(progress, context.Cancellation));
            if (row is not null)
            {
                Terminal.Summary($"{title} training ({run.Id})", report.Metrics.Select(row));
            }

            Terminal.Summary($"{title} time ({run.Id})", report.Times.Rows());
            Terminal.Wrote("metrics", run.MetricsPath);
            foreach (var (what, path) in outputs)
            {
                Terminal.Wrote(what, path);
            }

            var result = report.Result;
            switch (result.Outcome)
            {
                case TrainingOutcome.Diverged:
                    Terminal.Error(result.Message!);
                    return Diverged;
                case TrainingOutcome.Interrupted:
                    Terminal.Wrote("checkpoint", report.CheckpointPath);
                    Terminal.Warn($"interrupted at step {result.Step} (checkpoint at step {result.CheckpointStep?.ToString() ?? "none"}): continue with `{resume}`");
                    return 0;
                default:
                    Terminal.Wrote("checkpoint", report.CheckpointPath);
                    Terminal.Wrote("loss curve", report.LossPlotPath);
                    return 0;
            }
        }
    }
}
