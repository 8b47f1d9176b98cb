namespace Pipeline.Training.Loop;

/// <summary>The steps since the previous metrics line, handed to the recipe to summarise.</summary>
/// <param name="Steps">The step reports, in order.</param>
/// <param name="EndStep">Steps completed at the end of the window.</param>
/// <param name="Images">Training images the window's steps consumed.</param>
/// <param name="Seconds">Wall time spent inside the window's steps.</param>
public sealed record StepWindow<TReport>(IReadOnlyList<TReport> Steps, long EndStep, int Images, double Seconds)
    where TReport : IStepReport
{
    /// <summary>Training throughput over the window.</summary>
    public double ImagesPerSecond => Seconds > 0 ? Images / Seconds : 0;
}
