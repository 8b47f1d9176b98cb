namespace Pipeline.Training.StyleGan;

/// <summary>
/// The running values of StyleGAN2 training that are neither weights nor optimiser moments, kept as buffers so that
/// the checkpoint carries them by name (<c>training_state</c>) and a resumed run continues them exactly: the mean path
/// length a of the path-length penalty, and ADA's augmentation probability p with the signs of D(x) summed since p was
/// last adjusted.
/// </summary>
public sealed class StyleGanTrainingState : nn.Module
{
    [TorchSharp.Utils.ComponentName(Name = "path_length_mean")]
    private readonly Tensor pathLengthMean;

    [TorchSharp.Utils.ComponentName(Name = "augment_probability")]
    private readonly Tensor augmentProbability;

    [TorchSharp.Utils.ComponentName(Name = "real_sign_sum")]
    private readonly Tensor realSignSum;

    [TorchSharp.Utils.ComponentName(Name = "real_sign_count")]
    private readonly Tensor realSignCount;

    /// <summary>a = 0 (StyleGAN2 starts the mean at zero), p = 0, no signs yet.</summary>
    public StyleGanTrainingState() : base(nameof(StyleGanTrainingState))
    {
        pathLengthMean = zeros(1, dtype: float64);
        augmentProbability = zeros(1, dtype: float64);
        realSignSum = zeros(1, dtype: float64);
        realSignCount = zeros(1, dtype: float64);
        RegisterComponents();
    }

    /// <summary>a, the running mean of the path lengths.</summary>
    public double PathLengthMean
    {
        get => pathLengthMean.item<double>();
        set => Set(pathLengthMean, value);
    }

    /// <summary>p, ADA's augmentation probability.</summary>
    public double AugmentProbability
    {
        get => augmentProbability.item<double>();
        set => Set(augmentProbability, value);
    }

    /// <summary>Σ sign(D(x)) over the real images seen since p was last adjusted.</summary>
    public double RealSignSum
    {
        get => realSignSum.item<double>();
        set => Set(realSignSum, value);
    }

    /// <summary>Real images behind <see cref="RealSignSum"/>.</summary>
    public double RealSignCount
    {
        get => realSignCount.item<double>();
        set => Set(realSignCount, value);
    }

    private static void Set(Tensor buffer, double value)
    {
        using var noGrad = no_grad();
        buffer.fill_(value);
    }
}
