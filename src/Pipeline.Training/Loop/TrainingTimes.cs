using System.Globalization;

namespace Pipeline.Training.Loop;

/// <summary>
/// Where one training call's wall time went, phase by phase, so that a user can see what the step benchmark does not:
/// the first step's warm-up (kernel selection, first allocations), waiting for batches, metrics lines, sample images,
/// checkpoints and the loss plot, and progress reports. The loop writes it to the run's timing.json at the end of
/// every call, and <see cref="Rows"/> lays it out as a table.
/// </summary>
/// <param name="Steps">Steps this call ran.</param>
/// <param name="Images">Training images those steps consumed.</param>
/// <param name="FirstStepImages">Images of the first step, which <see cref="FirstStepSeconds"/> timed apart.</param>
/// <param name="PrepareSeconds">Opening the run before the first step: loading the data, building the networks, resuming.</param>
/// <param name="FirstStepSeconds">The first step, warm-up included.</param>
/// <param name="StepSeconds">Every later step.</param>
/// <param name="DataSeconds">Part of the step times spent waiting for batches; null when the recipe does not count it.</param>
/// <param name="MetricsSeconds">Summarising windows and appending metrics lines.</param>
/// <param name="SampleSeconds">Sample images.</param>
/// <param name="CheckpointSeconds">Checkpoints and the loss plot drawn beside them.</param>
/// <param name="ProgressSeconds">Progress reports and divergence checks.</param>
/// <param name="LoopSeconds">Wall time of the call, from before the first step to after the last checkpoint.</param>
public sealed record TrainingTimes(
    long Steps,
    long Images,
    long FirstStepImages,
    double PrepareSeconds,
    double FirstStepSeconds,
    double StepSeconds,
    double? DataSeconds,
    double MetricsSeconds,
    double SampleSeconds,
    double CheckpointSeconds,
    double ProgressSeconds,
    double LoopSeconds)
{
    /// <summary>The run folder's file that holds the last call's times.</summary>
    public const string FileName = "timing.json";

    /// <summary>Wall time from opening the run to the end of the call.</summary>
    public double TotalSeconds => PrepareSeconds + LoopSeconds;

    /// <summary>Time inside the loop that no phase accounts for.</summary>
    public double OtherSeconds =>
        Math.Max(0, LoopSeconds - FirstStepSeconds - StepSeconds - MetricsSeconds - SampleSeconds - CheckpointSeconds - ProgressSeconds);

    /// <summary>Images per second of the steps after the first: what a step benchmark measures.</summary>
    public double StepImagesPerSecond => StepSeconds > 0 ? (Images - FirstStepImages) / StepSeconds : 0;

    /// <summary>Images per second of the whole call, opening the run included: what a user waits for.</summary>
    public double ImagesPerSecond => TotalSeconds > 0 ? Images / TotalSeconds : 0;

    /// <summary>End-to-end throughput as a share of the step throughput (1 when nothing but steps takes time).</summary>
    public double Efficiency => StepImagesPerSecond > 0 ? ImagesPerSecond / StepImagesPerSecond : 0;

    /// <summary>One row per phase (seconds and share of the total), then both throughputs: for a two-column table.</summary>
    public IEnumerable<(string Name, string Value)> Rows()
    {
        var total = TotalSeconds;
        yield return Row("opening the run (data, networks, resume)", PrepareSeconds);
        yield return Row("first step (warm-up)", FirstStepSeconds);
        yield return Row($"other {Math.Max(0, Steps - 1)} steps", StepSeconds);
        yield return DataSeconds is { } data ? Row("  of which waiting for batches", data) : ("  of which waiting for batches", "not counted by this family");
        yield return Row("metrics lines", MetricsSeconds);
        yield return Row("sample images", SampleSeconds);
        yield return Row("checkpoints and loss plot", CheckpointSeconds);
        yield return Row("progress and divergence checks", ProgressSeconds);
        yield return Row("other", OtherSeconds);
        yield return Row("total", total);
        yield return ("images/s of the steps", Format(StepImagesPerSecond, "F1"));
        yield return ("images/s end to end", $"{Format(ImagesPerSecond, "F1")} ({Format(100 * Efficiency, "F1")}% of the steps')");

        (string, string) Row(string name, double seconds) =>
            (name, $"{Format(seconds, "F2")} s  {Format(total > 0 ? 100 * seconds / total : 0, "F1")}%");
    }

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
