using System.Globalization;
using Pipeline.Application.Classifiers;

namespace Pipeline.Application.VqVae2;

/// <summary>A VQ-VAE-2 run's evaluation as named rows, for whoever shows it (the terminal's summary tables).</summary>
public static class VqVae2Figures
{
    /// <summary>The autoencoder's reconstruction and codebook use; <paramref name="codebookSize"/> is K.</summary>
    public static IReadOnlyList<(string Name, string Value)> Autoencoder(VqVae2RunEvaluation run, int codebookSize)
    {
        var e = run.Evaluation;
        return
        [
            ($"test reconstruction MSE ({e.Images} images)", e.Mse.ToString("F6", CultureInfo.InvariantCulture)),
            ("test PSNR", $"{e.Psnr:F2} dB"),
            ("top codes: perplexity, used", $"{e.Top.Perplexity:F1} of {codebookSize}, {e.Top.Used} used"),
            ("bottom codes: perplexity, used", $"{e.Bottom.Perplexity:F1} of {codebookSize}, {e.Bottom.Used} used"),
        ];
    }

    /// <summary>The priors' bits per code and, when samples were drawn, the classifier's view of them (per class, named from <paramref name="classNames"/>).</summary>
    public static IReadOnlyList<(string Name, string Value)> Priors(VqVae2PriorEvaluation p, IReadOnlyList<string> classNames)
    {
        string F(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
        var rows = new List<(string, string)>
        {
            ($"top prior: test bits per code ({p.TestGrids} grids, step {p.TopStep})", F(p.TopBitsPerCode)),
            ($"bottom prior: test bits per code (step {p.BottomStep})", F(p.BottomBitsPerCode)),
        };
        if (p is { Judgement: { } j, Sampling: { } s })
        {
            string N(double value) => value.ToString(CultureInfo.InvariantCulture);
            rows.Add(($"samples recognised as the requested class ({p.Samples}; τ {N(s.Temperature)}, top-k {s.TopK?.ToString(CultureInfo.InvariantCulture) ?? "all"}, top-p {(s.TopP is { } topP ? N(topP) : "1")}, guidance {N(s.Guidance)})", j.ClassAccuracy is { } a ? $"{a:P1}" : "n/a (unconditional)"));
            rows.Add(("  same classifier on real test images", $"{j.RealAccuracy:P1}"));
            rows.AddRange(ClassBreakdown.Rows(j.PerClass, classNames));
            rows.Add(("Fréchet distance to the test set (classifier features)", $"{j.FrechetDistance:F3}"));
            rows.Add(("  real training images to the test set (floor)", $"{j.RealFrechetDistance:F3}"));
            rows.Add(("sampling speed (TorchSharp)", $"{p.SamplesPerSecond:F2} images/s"));
        }

        return rows;
    }
}
