using Pipeline.Training.Classifiers;

namespace Pipeline.Cli.Families;

/// <summary>The summary rows of a per-class judgement: <see cref="Application.Classifiers.ClassBreakdown"/>.</summary>
internal static class ClassBreakdown
{
    /// <inheritdoc cref="Application.Classifiers.ClassBreakdown.Rows"/>
    public static IEnumerable<(string, string)> Rows(IReadOnlyList<ClassJudgement>? perClass, IReadOnlyList<string> names) =>
        Application.Classifiers.ClassBreakdown.Rows(perClass, names);
}
