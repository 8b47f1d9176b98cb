using System.Text.Json.Serialization;
using static TorchSharp.torch.nn;

namespace Pipeline.Training.Gans;

/// <summary>The adversarial objective: what the discriminator minimises and what the generator minimises.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GanObjective>))]
public enum GanObjective
{
    /// <summary>Goodfellow et al. 2014, eq. 1, with the generator minimising log(1 − D(G(z))) (saturates early in training).</summary>
    Minimax,

    /// <summary>Goodfellow et al. 2014, section 3: the generator maximises log D(G(z)) instead (strong gradients early).</summary>
    NonSaturating,

    /// <summary>Hinge loss (Lim and Ye 2017; Miyato et al. 2018, eq. 16–17), the SNGAN/SAGAN/BigGAN default.</summary>
    Hinge,

    /// <summary>Least squares (Mao et al. 2017, eq. 2 with a = 0, b = c = 1).</summary>
    LeastSquares,

    /// <summary>Wasserstein with gradient penalty (Gulrajani et al. 2017, Algorithm 1, λ = 10).</summary>
    WassersteinGradientPenalty,
}

/// <summary>
/// GAN losses as pure functions of the discriminator's outputs, averaged over the batch. "Logits" are D's unbounded
/// outputs: D(x) = σ(logit) for the probabilistic losses, a critic score for Wasserstein, a raw output for least
/// squares. Probabilistic losses use log σ(a) = −softplus(−a) and log(1 − σ(a)) = −softplus(a), which neither
/// overflow nor lose precision as σ saturates. Names map to the papers: D is the discriminator (the critic f_w of
/// WGAN), G the generator, x real data, x̃ = G(z) generated data.
/// </summary>
public static class GanLosses
{
    /// <summary>What D minimises given its logits on real (B) and generated (B) images (without any gradient penalty).</summary>
    public static Tensor Discriminator(GanObjective objective, Tensor realLogits, Tensor fakeLogits)
    {
        using var scope = NewDisposeScope();
        var loss = objective switch
        {
            // −E[log D(x)] − E[log(1 − D(x̃))] (Goodfellow et al. 2014, eq. 1, negated): the same D loss for both generator variants.
            GanObjective.Minimax or GanObjective.NonSaturating =>
                functional.softplus(-realLogits).mean() + functional.softplus(fakeLogits).mean(),
            // E[max(0, 1 − D(x))] + E[max(0, 1 + D(x̃))] (Miyato et al. 2018, eq. 16).
            GanObjective.Hinge => functional.relu(1 - realLogits).mean() + functional.relu(1 + fakeLogits).mean(),
            // ½E[(D(x) − b)²] + ½E[(D(x̃) − a)²] with a = 0, b = 1 (Mao et al. 2017, eq. 2).
            GanObjective.LeastSquares => 0.5 * ((realLogits - 1).square().mean() + fakeLogits.square().mean()),
            // E[D(x̃)] − E[D(x)] (Gulrajani et al. 2017, eq. 3, first two terms).
            GanObjective.WassersteinGradientPenalty => fakeLogits.mean() - realLogits.mean(),
            _ => throw new ArgumentOutOfRangeException(nameof(objective), objective, "Unknown GAN objective."),
        };
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>What G minimises given D's logits on generated images (B).</summary>
    public static Tensor Generator(GanObjective objective, Tensor fakeLogits)
    {
        using var scope = NewDisposeScope();
        var loss = objective switch
        {
            // E[log(1 − D(x̃))] = −E[softplus(logit)] (Goodfellow et al. 2014, eq. 1); ∂/∂logit = −σ(logit) → 0 as D(x̃) → 0.
            GanObjective.Minimax => -functional.softplus(fakeLogits).mean(),
            // −E[log D(x̃)] = E[softplus(−logit)] (Goodfellow et al. 2014, section 3); ∂/∂logit = σ(logit) − 1 → −1 as D(x̃) → 0.
            GanObjective.NonSaturating => functional.softplus(-fakeLogits).mean(),
            // −E[D(x̃)] (Miyato et al. 2018, eq. 17; Arjovsky et al. 2017 for the critic).
            GanObjective.Hinge or GanObjective.WassersteinGradientPenalty => -fakeLogits.mean(),
            // ½E[(D(x̃) − c)²] with c = 1 (Mao et al. 2017, eq. 2).
            GanObjective.LeastSquares => 0.5 * (fakeLogits - 1).square().mean(),
            _ => throw new ArgumentOutOfRangeException(nameof(objective), objective, "Unknown GAN objective."),
        };
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// E[(‖∇_x̂ D(x̂)‖₂ − 1)²] at x̂ = εx + (1 − ε)x̃, ε ~ U[0, 1] per image (Gulrajani et al. 2017, eq. 3, third term
    /// without λ). The gradient is taken with create_graph, so the penalty's own gradient reaches D's parameters when
    /// it is added to D's loss.
    /// </summary>
    public static Tensor GradientPenalty(Func<Tensor, Tensor> critic, Tensor real, Tensor fake)
    {
        using var scope = NewDisposeScope();
        var epsilon = rand(real.shape[0], 1, 1, 1, device: real.device);
        var mixed = (epsilon * real.detach() + (1 - epsilon) * fake.detach()).requires_grad_(true); // (B, C, H, W)
        var scores = critic(mixed);                                                                  // (B)
        var gradient = autograd.grad([scores.sum()], [mixed], retain_graph: true, create_graph: true)[0];
        var norms = gradient.flatten(1).norm(1);                                                     // (B)
        return (norms - 1).square().mean().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// D's outputs as the progress bar shows them: mean σ(logit), the probability "real", for the probabilistic
    /// objectives and hinge; the mean raw output for least squares and the critic score for Wasserstein.
    /// </summary>
    public static double Display(GanObjective objective, Tensor logits)
    {
        using var scope = NewDisposeScope();
        var shown = objective is GanObjective.WassersteinGradientPenalty or GanObjective.LeastSquares ? logits : functional.sigmoid(logits);
        return shown.mean().item<float>();
    }

    /// <summary>Whether <see cref="Display"/> values are probabilities in [0, 1].</summary>
    public static bool ShowsProbabilities(GanObjective objective) =>
        objective is not (GanObjective.WassersteinGradientPenalty or GanObjective.LeastSquares);
}
