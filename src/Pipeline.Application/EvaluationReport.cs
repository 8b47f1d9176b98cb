namespace Pipeline.Application;

/// <summary>An evaluation and the file it was saved to (evaluation.json in the run folder).</summary>
/// <typeparam name="T">The family's evaluation record.</typeparam>
/// <param name="Evaluation">The figures.</param>
/// <param name="Path">Where they were written.</param>
public sealed record EvaluationReport<T>(T Evaluation, string Path)
{
    /// <summary>What was evaluated, e.g. "VAE evaluation (run, step 4690)": the heading of <see cref="Rows"/>.</summary>
    public string Title { get; init; } = "evaluation";

    /// <summary>The figures as named rows, as a summary table lists them, so any front end shows every family alike.</summary>
    public IReadOnlyList<(string Name, string Value)> Rows { get; init; } = [];
}
