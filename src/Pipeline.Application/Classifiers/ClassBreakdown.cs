using System.Globalization;
using Pipeline.Training.Classifiers;

namespace Pipeline.Application.Classifiers;

/// <summary>The rows of a per-class judgement, one definition for every family whose evaluation judges by class.</summary>
public static class ClassBreakdown
{
    /// <summary>One row per requested class: the share recognised, the real images' share beside it, and what it is taken for instead.</summary>
    public static IEnumerable<(string Name, string Value)> Rows(IReadOnlyList<ClassJudgement>? perClass, IReadOnlyList<string> names) =>
        (perClass ?? []).Select(c => (
            $"  class {c.Class} {Name(c.Class, names)} ({c.Generated})",
            $"{c.Recognised:P1} (real {c.RealRecognised:P1}){(c.MostConfusedWith is { } other ? $"; else mostly {Name(other, names)} {c.ConfusedShare:P1}" : string.Empty)}"));

    private static string Name(int label, IReadOnlyList<string> names) => label < names.Count ? names[label] : label.ToString(CultureInfo.InvariantCulture);
}
