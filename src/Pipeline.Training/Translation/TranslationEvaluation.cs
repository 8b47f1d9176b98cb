using Pipeline.Models.Gans;

namespace Pipeline.Training.Translation;

/// <summary>Quality of a paired translator against the truth, next to a baseline computed the same way.</summary>
/// <param name="L1">Mean absolute error per pixel.</param>
/// <param name="Psnr">Peak signal-to-noise ratio in dB.</param>
/// <param name="Ssim">Structural similarity.</param>
public sealed record PairedQuality(double L1, double Psnr, double Ssim)
{
    /// <summary>Measures <paramref name="output"/> against <paramref name="truth"/>, both (N, C, H, W) in [0, 1].</summary>
    public static PairedQuality Measure(Tensor output, Tensor truth) =>
        new(ImageQuality.L1(output, truth), ImageQuality.Psnr(output, truth), ImageQuality.Ssim(output, truth));
}

/// <summary>CycleGAN's figures on test images of both domains.</summary>
/// <param name="CycleL1A">‖G_B(G_A(a)) − a‖₁ per pixel, in [0, 1] units.</param>
/// <param name="CycleL1B">‖G_A(G_B(b)) − b‖₁ per pixel.</param>
/// <param name="TargetShareAToB">Share of G_A(a) the classifier assigns to B's class.</param>
/// <param name="TargetShareBToA">Share of G_B(b) the classifier assigns to A's class.</param>
/// <param name="UntranslatedShareA">Share of untranslated a already assigned to B's class (the baseline).</param>
/// <param name="UntranslatedShareB">Share of untranslated b already assigned to A's class.</param>
public sealed record CycleGanQuality(double CycleL1A, double CycleL1B, double TargetShareAToB, double TargetShareBToA, double UntranslatedShareA, double UntranslatedShareB);

/// <summary>Evaluates trained translators without gradient, in eval mode, in batches.</summary>
public static class TranslationEvaluation
{
    /// <summary>Runs <paramref name="generator"/> over images in [0, 1] and returns its outputs in [0, 1].</summary>
    public static Tensor Translate(nn.Module<Tensor, Tensor> generator, Tensor images, int batchSize = 256)
    {
        using var mode = new EvaluationMode(generator);
        var outputs = new List<Tensor>();
        for (long start = 0; start < images.shape[0]; start += batchSize)
        {
            var batch = images.narrow(0, start, Math.Min(batchSize, images.shape[0] - start));
            outputs.Add(DcganGenerator.ToUnitRange(generator.call(DcganGenerator.FromUnitRange(batch))));
        }

        return cat(outputs).MoveToOuterDisposeScope(); // out of the evaluation scope
    }

    /// <summary>A paired translator's quality on (input, truth) pairs in [0, 1].</summary>
    public static PairedQuality Paired(nn.Module<Tensor, Tensor> generator, Tensor input, Tensor truth)
    {
        using var scope = NewDisposeScope();
        return PairedQuality.Measure(Translate(generator, input), truth);
    }

    /// <summary>CycleGAN's figures with the project's trained classifier judging the classes (e.g. Fashion-MNIST's 7 and 9).</summary>
    public static CycleGanQuality CycleGan(CycleGanRecipe recipe, Tensor testA, Tensor testB, Classifiers.TrainedClassifier classifier, long classA, long classB) =>
        CycleGan(recipe.GeneratorA, recipe.GeneratorB, testA, testB, images => classifier.Judge(images).Predictions, classA, classB);

    /// <summary>CycleGAN's figures for a recipe's generators.</summary>
    public static CycleGanQuality CycleGan(CycleGanRecipe recipe, Tensor testA, Tensor testB, Func<Tensor, Tensor> classify, long classA, long classB) =>
        CycleGan(recipe.GeneratorA, recipe.GeneratorB, testA, testB, classify, classA, classB);

    /// <summary>
    /// Cycle L1 both ways and, with <paramref name="classify"/> (images in [0, 1] → predicted class), the share of
    /// translated images in the target class next to the share of untranslated ones; without it the shares are NaN.
    /// </summary>
    public static CycleGanQuality CycleGan(
        nn.Module<Tensor, Tensor> aToB, nn.Module<Tensor, Tensor> bToA, Tensor testA, Tensor testB, Func<Tensor, Tensor>? classify, long classA, long classB)
    {
        using var scope = NewDisposeScope();
        var fakeB = Translate(aToB, testA);
        var fakeA = Translate(bToA, testB);
        double Share(Tensor images, long label) => classify is null ? double.NaN : classify(images).eq(label).to(ScalarType.Float32).mean().item<float>();
        return new CycleGanQuality(
            ImageQuality.L1(Translate(bToA, fakeB), testA),
            ImageQuality.L1(Translate(aToB, fakeA), testB),
            Share(fakeB, classB),
            Share(fakeA, classA),
            Share(testA, classB),
            Share(testB, classA));
    }
}
