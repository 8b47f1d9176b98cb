using System.Globalization;
using Pipeline.Application.Classifiers;
using Pipeline.Onnx.Sampling;
using Pipeline.Training.Classifiers;

namespace Pipeline.Application.PixelCnn;

/// <summary>What <see cref="PixelCnnOperations.Evaluate"/> writes to a PixelCNN run's evaluation.json.</summary>
/// <param name="Step">Steps behind the evaluated weights.</param>
/// <param name="Images">Test images evaluated.</param>
/// <param name="NatsPerImage">Mean −log p(x), nats per image.</param>
/// <param name="BitsPerDimension">NatsPerImage / (H·W·C·ln 2).</param>
/// <param name="Seconds">Evaluation time.</param>
/// <param name="Samples">Samples drawn and judged by the project's classifier (0: none).</param>
/// <param name="Sampling">How they were drawn.</param>
/// <param name="Judgement">The classifier's view of them: the requested class recognised, Fréchet distance to the test set.</param>
/// <param name="SamplesPerSecond">Drawing speed (TorchSharp).</param>
public sealed record PixelCnnRunEvaluation(long Step, int Images, double NatsPerImage, double BitsPerDimension, double Seconds,
    int Samples = 0, CategoricalSampling? Sampling = null, GeneratedJudgement? Judgement = null, double SamplesPerSecond = 0)
{
    /// <summary>The figures as named rows, for whoever shows them; <paramref name="classNames"/> name the per-class rows.</summary>
    public IReadOnlyList<(string Name, string Value)> Rows(IReadOnlyList<string> classNames)
    {
        var rows = new List<(string, string)>
        {
            ("test -log p(x), nats per image", NatsPerImage.ToString("F2", CultureInfo.InvariantCulture)),
            ("test -log p(x), bits per dimension", BitsPerDimension.ToString("F4", CultureInfo.InvariantCulture)),
            ("evaluation time", $"{Seconds:F1} s"),
        };
        if (Judgement is { } j && Sampling is { } s)
        {
            string N(double value) => value.ToString(CultureInfo.InvariantCulture);
            rows.Add(($"samples recognised as the requested class ({Samples}; τ {N(s.Temperature)}, top-k {s.TopK?.ToString(CultureInfo.InvariantCulture) ?? "all"}, top-p {(s.TopP is { } p ? N(p) : "1")}, guidance {N(s.Guidance)})",
                j.ClassAccuracy is { } a ? $"{a:P1}" : "n/a (unconditional)"));
            rows.Add(("  same classifier on real test images", $"{j.RealAccuracy:P1}"));
            rows.AddRange(ClassBreakdown.Rows(j.PerClass, classNames));
            rows.Add(("Fréchet distance to the test set (classifier features)", $"{j.FrechetDistance:F3}"));
            rows.Add(("  real training images to the test set (floor)", $"{j.RealFrechetDistance:F3}"));
            rows.Add(("sampling speed (TorchSharp)", $"{SamplesPerSecond:F2} images/s"));
        }

        return rows;
    }
}
