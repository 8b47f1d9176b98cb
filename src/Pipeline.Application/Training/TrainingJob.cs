using System.Diagnostics;
using Pipeline.Training;

namespace Pipeline.Application.Training;

/// <summary>
/// The one training job every family runs: open the run (checking its kind) or load the data and only then make the
/// folder (bad data leave no half-made run behind), resume from the last checkpoint when asked, train, and return a
/// <see cref="TrainingReport{TMetrics}"/>. A family supplies an <see cref="ITrainingPlan{TConfig, TData, TReport, TMetrics}"/>.
/// </summary>
public static class TrainingJob
{
    /// <summary>Opens or creates the run of <paramref name="request"/> and, for a resume, loads its last checkpoint.</summary>
    /// <exception cref="InvalidDataException">the folder holds a run of another kind, or its data are bad.</exception>
    /// <exception cref="IOException">a new run's folder already holds a run.</exception>
    public static TrainingSession<TConfig, TMetrics> Open<TConfig, TData, TReport, TMetrics>(
        ITrainingPlan<TConfig, TData, TReport, TMetrics> plan, TrainingRequest<TConfig> request)
        where TConfig : class
        where TReport : IStepReport
        where TMetrics : IStepMetrics
    {
        var opening = Stopwatch.GetTimestamp();
        var run = request.Resume ? RunKinds.Open(request.RunPath, plan.Kind, plan.TrainedWith) : null;
        var config = plan.Prepare(run?.ReadConfig<TConfig>() ?? request.Config);
        var data = plan.Load(config);
        if (run is null)
        {
            config = plan.Fit(config, data);
            run = RunFolder.Create(request.RunPath);
            run.WriteConfig(config);
        }

        var recipe = plan.CreateRecipe(config, data, request.Device);
        var session = new TrainingSession<TConfig, TReport, TMetrics>(run, config, request.Resume, [.. plan.Describe(config, data)], recipe, data);
        try
        {
            if (request.Resume)
            {
                session.Resume();
            }

            session.PrepareSeconds = Stopwatch.GetElapsedTime(opening).TotalSeconds;
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Opens the run and trains it to the end (or cancellation, or divergence).</summary>
    public static TrainingReport<TMetrics> Run<TConfig, TData, TReport, TMetrics>(
        ITrainingPlan<TConfig, TData, TReport, TMetrics> plan, TrainingRequest<TConfig> request,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
        where TConfig : class
        where TReport : IStepReport
        where TMetrics : IStepMetrics
    {
        using var session = Open(plan, request);
        return session.Train(progress, cancellation);
    }
}
