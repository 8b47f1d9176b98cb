using Pipeline.Models.Gans;
using TorchSharp.Modules;

namespace Pipeline.Training.Gans;

/// <summary>
/// Recomputes a generator's batch-norm running statistics from its own activations ("standing statistics", Brock et
/// al. 2019, BigGAN appendix C). The moving-average generator carries the statistics of the raw generator's
/// activations, which its averaged weights do not produce; sampling in eval mode with them blurs the classes.
/// </summary>
public static class StandingStatistics
{
    /// <summary>
    /// Runs <paramref name="batches"/> seeded batches of z ~ N(0, I), labels cycling through the classes, in training
    /// mode without gradients, with each BatchNorm's momentum unset (an exact average over the batches), then
    /// restores momentum and eval mode.
    /// </summary>
    public static void Recalibrate(DcganGenerator generator, Device device, int batches = 50, int batchSize = 64, int seed = 0)
    {
        var norms = generator.modules().OfType<BatchNorm2d>().ToArray();
        var momenta = norms.Select(n => n.momentum).ToArray();
        foreach (var norm in norms)
        {
            norm.reset_running_stats();
            norm.momentum = null;
        }

        var o = generator.Options;
        generator.train();
        using (no_grad())
        {
            random.manual_seed(seed);
            for (var b = 0; b < batches; b++)
            {
                using var scope = NewDisposeScope();
                var labels = arange(b * batchSize, (b + 1) * batchSize, ScalarType.Int64, device: device) % Math.Max(o.ClassCount, 1);
                generator.call(GanSampling.Latents(batchSize, o.LatentSize, device), labels);
            }
        }

        foreach (var (norm, momentum) in norms.Zip(momenta))
        {
            norm.momentum = momentum;
        }

        generator.eval();
    }
}
