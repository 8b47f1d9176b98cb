using TorchSharp.Modules;

namespace Pipeline.Training.StyleGan;

/// <summary>
/// Lazy regularisation (Karras et al. 2020, §3.1 and appendix B): a regulariser evaluated once every k minibatches,
/// in an optimiser step of its own, is multiplied by k so that its strength is unchanged, and Adam's learning rate and
/// β's are adjusted by c = k/(k + 1) (λ′ = c·λ, β′ = β^c) so that the k main steps and the one regularisation step
/// together move the weights as k + 1 ordinary steps would.
/// </summary>
public static class LazyRegularization
{
    /// <summary>c = k/(k + 1) for a regulariser every <paramref name="interval"/> steps; 1 when there is none (interval 0).</summary>
    public static double Ratio(int interval) => interval > 0 ? interval / (interval + 1.0) : 1.0;

    /// <summary>Adam over <paramref name="parameters"/> with λ and β adjusted for a regulariser every <paramref name="interval"/> steps.</summary>
    public static OptimizerHelper Adam(IEnumerable<Parameter> parameters, double learningRate, double beta1, double beta2, int interval)
    {
        var c = Ratio(interval);
        return optim.Adam(parameters, learningRate * c, Math.Pow(beta1, c), Math.Pow(beta2, c));
    }
}
