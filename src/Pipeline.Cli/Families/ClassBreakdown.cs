using Pipeline.Training.Classifiers;

namespace Pipeline.Cli.Families;

/// <summary>The summary rows of a per-class judgement, one definition for every family that <c>evaluate</c> judges by class.</summary>
internal static class ClassBreakdown
{
    /// <summary>One row per requested class: the share recognised, the real images' share beside it, and what it is taken for instead.</summary>
    public static IEnumerable<(string, string)> Rows(IReadOnlyList<ClassJudgement>? perClass, IReadOnlyList<string> names) =>
        (perClass ?? []).Select(c => (
            $"  class {c.Class} {Name(c.Class, names)} ({c.Generated})",
            $"{c.Recognised:P1} (real {c.RealRecognised:P1}){(c.MostConfusedWith is { } other ? $"; else mostly {Name(other, names)} {c.ConfusedShare:P1}" : string.Empty)}"));

    private static string Name(int label, IReadOnlyList<string> names) => label < names.Count ? names[label] : label.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
