using Pipeline.Application;
using Pipeline.Application.Settings;
using Pipeline.Training.Gans;

namespace Pipeline.Cli.Families.Gan;

/// <summary>The verbs every GAN family (GAN, Progressive GAN, StyleGAN2) offers alike.</summary>
internal static class GanVerbs
{
    /// <summary>
    /// <c>evaluate</c> with the GANs' figures: <paramref name="evaluate"/> reads <paramref name="classifier"/>,
    /// <paramref name="count"/> and <paramref name="truncation"/>, the family's own settings (their help names it).
    /// </summary>
    public static EvaluateVerb<GanEvaluation> Evaluate(Func<VerbContext, EvaluationReport<GanEvaluation>> evaluate, Setting<string?> classifier, Setting<int> count, Setting<double?> truncation) =>
        new("the project's classifier recognising the requested class, and the Fréchet distance in its features, beside real-data figures",
            evaluate, classifier, count, truncation);
}
