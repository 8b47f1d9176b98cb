using Pipeline.Application;
using Pipeline.Application.Settings;
using Pipeline.Inference.Pictures;
using Pipeline.Training.Gans;
using static Pipeline.Application.Settings.GanSettings;

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

    /// <summary><c>interpolate</c>: <paramref name="draw"/>(context, steps, spherical, truncation) with the family's <paramref name="truncation"/> setting.</summary>
    public static PictureVerb Interpolate(Func<VerbContext, int, bool, double?, Picture> draw, Setting<double?> truncation) =>
        new("interpolate", c => draw(c, c.Get(WalkSteps), c.Get(Spherical), c.Get(truncation)), WalkSteps, Spherical, truncation);

    /// <summary><c>arithmetic</c>: <paramref name="draw"/>(context, classifier, triples, samples) with the family's <paramref name="classifier"/> setting.</summary>
    public static PictureVerb Arithmetic(Func<VerbContext, string?, IReadOnlyList<(int A, int B, int C)>, int, Picture> draw, Setting<string?> classifier) =>
        new("arithmetic", c => draw(c, c.Get(classifier), [.. c.Get(Triples).Select(ParseTriple)], c.Get(MeanSamples)), Triples, MeanSamples, classifier);

    /// <summary><c>neighbours</c>: <paramref name="draw"/>(context, rows, k).</summary>
    public static PictureVerb Neighbours(Func<VerbContext, int, int, Picture> draw) =>
        new("neighbours", c => draw(c, c.Get(NeighbourRows), c.Get(GanSettings.Neighbours)), NeighbourRows, GanSettings.Neighbours);
}
