using Pipeline.Models.StyleGan;

namespace Pipeline.Training.StyleGan;

/// <summary>
/// The modules of a StyleGAN2 run with their checkpoint names, written once for the recipe and the loader: G, D, the
/// moving average of G (which samples, with fixed noise), and the training state (path-length mean, ADA's p).
/// </summary>
/// <param name="Generator">G as trained.</param>
/// <param name="Discriminator">D.</param>
/// <param name="AverageGenerator">The moving average of G's weights.</param>
/// <param name="State">The running values of training.</param>
public sealed record StyleGanNetworks(StyleGenerator Generator, StyleDiscriminator Discriminator, StyleGenerator AverageGenerator, StyleGanTrainingState State) : IDisposable
{
    /// <summary>Untrained networks of <paramref name="options"/>, G's average starting as a copy of G, its noise fixed.</summary>
    public static StyleGanNetworks Create(StyleGanOptions options)
    {
        var generator = new StyleGenerator(options);
        var discriminator = new StyleDiscriminator(options);
        var average = new StyleGenerator(options);
        Gans.ExponentialMovingAverage.CopyFrom(average, generator);
        average.Synthesis.NoiseMode = NoiseMode.Fixed;
        return new StyleGanNetworks(generator, discriminator, average, new StyleGanTrainingState());
    }

    /// <summary>These modules under their checkpoint names, in checkpoint order.</summary>
    public IReadOnlyList<(string Name, nn.Module Module)> Checkpointed() =>
        [("generator", Generator), ("discriminator", Discriminator), ("generator_ema", AverageGenerator), ("training_state", State)];

    /// <summary>Moves every module to <paramref name="device"/>.</summary>
    public void To(Device device)
    {
        Generator.to(device);
        Discriminator.to(device);
        AverageGenerator.to(device);
        State.to(device);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Generator.Dispose();
        Discriminator.Dispose();
        AverageGenerator.Dispose();
        State.Dispose();
    }
}
