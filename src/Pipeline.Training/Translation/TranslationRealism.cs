using Pipeline.Data.Translation;
using Pipeline.Training.Classifiers;

namespace Pipeline.Training.Translation;

/// <summary>
/// How far translated Fashion-MNIST items are from real ones in the project's classifier's features: the Fréchet
/// distance that <see cref="GeneratedImageJudge"/> gives the GANs, so that pix2pix's sharper outputs can be told from
/// an L1-only U-Net's blurred averages, which PSNR and SSIM favour (Isola et al. 2017, section 4.2).
/// </summary>
public static class TranslationRealism
{
    /// <summary>
    /// Fréchet distances to the real test items of <paramref name="translated"/> and of
    /// <paramref name="baseline"/> (both (N, 1, S, S) in [0, 1], the items padded to S), and the floor: as many real
    /// training items against the same test items.
    /// </summary>
    public static (double Translated, double? Baseline, double Real) Judge(TrainedClassifier classifier, TranslationData data, Tensor translated, Tensor? baseline, Device device)
    {
        using var scope = NewDisposeScope();
        var (train, test) = (FashionMnist.Load(DataSplit.Train, data.Path), FashionMnist.Load(DataSplit.Test, data.Path));
        var judged = GeneratedImageJudge.Judge(classifier, Unpadded(translated, test), null, train, test, device);
        double? reference = baseline is null ? null : GeneratedImageJudge.Judge(classifier, Unpadded(baseline, test), null, train, test, device).FrechetDistance;
        return (judged.FrechetDistance, reference, judged.RealFrechetDistance);
    }

    /// <summary>
    /// CycleGAN on Fashion-MNIST classes: the Fréchet distance of <paramref name="aToB"/> to the real test images of
    /// class <paramref name="classB"/> and of <paramref name="bToA"/> to those of <paramref name="classA"/>, each with
    /// its floor (as many real training images of the class against the same test images).
    /// </summary>
    public static (double AToB, double BToA, double RealB, double RealA) JudgeCycle(TrainedClassifier classifier, TranslationData data, Tensor aToB, Tensor bToA, int classA, int classB, Device device)
    {
        using var scope = NewDisposeScope();
        var (train, test) = (FashionMnist.Load(DataSplit.Train, data.Path), FashionMnist.Load(DataSplit.Test, data.Path));
        var towardsB = GeneratedImageJudge.Judge(classifier, aToB, null, FashionMnistTranslation.OfClass(train, classB), FashionMnistTranslation.OfClass(test, classB), device);
        var towardsA = GeneratedImageJudge.Judge(classifier, bToA, null, FashionMnistTranslation.OfClass(train, classA), FashionMnistTranslation.OfClass(test, classA), device);
        return (towardsB.FrechetDistance, towardsA.FrechetDistance, towardsB.RealFrechetDistance, towardsA.RealFrechetDistance);
    }

    // The edges set pads the 28×28 items to S×S in the middle (FashionMnistTranslation.EdgesToItem); the classifier reads 28×28.
    private static Tensor Unpadded(Tensor images, ImageDataset items)
    {
        var (top, left) = ((images.shape[2] - items.Height) / 2, (images.shape[3] - items.Width) / 2);
        return images.narrow(2, top, items.Height).narrow(3, left, items.Width);
    }
}
