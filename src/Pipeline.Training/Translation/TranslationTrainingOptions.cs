using Pipeline.Training.Gans;
using Pipeline.Training.Schedules;

namespace Pipeline.Training.Translation;

/// <summary>
/// What the three translation recipes share, with the published defaults: Adam(2e-4, β₁ 0.5) and a learning rate
/// constant for the first half of training, then decaying linearly to zero (Zhu et al. 2017, section 4; Isola et al.
/// 2017, section 3.3).
/// </summary>
/// <param name="Steps">Optimisation steps of the whole run; the schedule spans them.</param>
/// <param name="BatchSize">Images per step (1 in both papers; larger is faster on small images).</param>
/// <param name="LearningRate">Adam's base rate for G and D.</param>
/// <param name="Beta1">Adam's β₁.</param>
/// <param name="Objective">The adversarial loss; least squares as CycleGAN (Mao et al. 2017).</param>
/// <param name="Seed">Seeds weights, data order, dropout and the image pool.</param>
public sealed record TranslationTrainingOptions(
    long Steps = 10_000,
    int BatchSize = 16,
    double LearningRate = 2e-4,
    double Beta1 = 0.5,
    GanObjective Objective = GanObjective.LeastSquares,
    int Seed = 0)
{
    /// <summary>Constant, then linear decay to zero over the second half.</summary>
    public LearningRateSchedule Schedule => new(LearningRateShape.LinearDecay, LearningRate, Steps);

    /// <summary>Throws on options no recipe can run.</summary>
    public TranslationTrainingOptions Validate()
    {
        if (Steps < 1 || BatchSize < 1 || LearningRate <= 0 || Beta1 is < 0 or >= 1)
        {
            throw new ArgumentException($"Expected steps ≥ 1, batch size ≥ 1, a positive learning rate and β₁ in [0, 1), found {Steps}, {BatchSize}, {LearningRate}, {Beta1}.");
        }

        if (Objective == GanObjective.WassersteinGradientPenalty)
        {
            throw new ArgumentException("The translation recipes take least squares, hinge or the (non-)saturating GAN losses; WGAN-GP is not supported.");
        }

        return this;
    }
}
