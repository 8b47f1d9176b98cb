using Pipeline.Training.Loop;
using Pipeline.Training.Runs;

namespace Pipeline.Training.Tests.Loop;

/// <summary>
/// A recipe and the shared loop over one run folder, as the family tests drive them: train (with progress and
/// cancellation), resume, read the metrics, reach the recipe's networks. What an app does through the application
/// layer's TrainingJob, without its run-folder handling.
/// </summary>
internal sealed class RecipeTrainer<TRecipe, TReport, TMetrics>(RunFolder run, TRecipe recipe) : IDisposable
    where TRecipe : ITrainingRecipe<TReport, TMetrics>, IDisposable
    where TReport : IStepReport
    where TMetrics : IStepMetrics
{
    private readonly TrainingLoop<TReport, TMetrics> _loop = new(run, recipe);

    public TRecipe Recipe { get; } = recipe;

    public long Step => _loop.Step;

    public IReadOnlyList<TMetrics> Metrics => _loop.Metrics;

    public void Resume() => _loop.Resume();

    public TrainingResult Train(IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default) => _loop.Run(progress, cancellation);

    public void Dispose() => Recipe.Dispose();
}
