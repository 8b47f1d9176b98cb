namespace Pipeline.Application;

/// <summary>An evaluation and the file it was saved to (evaluation.json in the run folder).</summary>
/// <typeparam name="T">The family's evaluation record.</typeparam>
/// <param name="Evaluation">The figures.</param>
/// <param name="Path">Where they were written.</param>
public sealed record EvaluationReport<T>(T Evaluation, string Path);
