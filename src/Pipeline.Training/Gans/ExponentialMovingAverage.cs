namespace Pipeline.Training.Gans;

/// <summary>
/// An exponential moving average of a network's weights (Yazıcı et al. 2019, "The unusual effectiveness of
/// averaging in GAN training"): θ_ema ← d·θ_ema + (1 − d)·θ after every generator step; buffers (batch-norm running
/// statistics) are copied. The decay ramps as min(d, (1 + t)/(10 + t)) (as TensorFlow's ExponentialMovingAverage with
/// num_updates), so early averages are not dominated by the random initial weights.
/// </summary>
public static class ExponentialMovingAverage
{
    /// <summary>Moves <paramref name="average"/> towards <paramref name="source"/> (same architecture) after update <paramref name="step"/>.</summary>
    public static void Update(nn.Module average, nn.Module source, double decay, long step)
    {
        var d = Math.Min(decay, (1.0 + step) / (10.0 + step));
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        foreach (var (target, value) in average.parameters().Zip(source.parameters()))
        {
            target.mul_(d).add_(value, alpha: 1 - d);
        }

        foreach (var (target, value) in average.buffers().Zip(source.buffers()))
        {
            target.copy_(value);
        }
    }

    /// <summary>Sets <paramref name="average"/> to exactly <paramref name="source"/>'s weights and buffers.</summary>
    public static void CopyFrom(nn.Module average, nn.Module source)
    {
        using var noGrad = no_grad();
        foreach (var (target, value) in average.parameters().Zip(source.parameters()))
        {
            target.copy_(value);
        }

        foreach (var (target, value) in average.buffers().Zip(source.buffers()))
        {
            target.copy_(value);
        }
    }
}
