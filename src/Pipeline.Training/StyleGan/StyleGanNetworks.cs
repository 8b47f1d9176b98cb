using Pipeline.Models.StyleGan;
using Pipeline.Training.Gans;

namespace Pipeline.Training.StyleGan;

/// <summary>
/// The modules of a StyleGAN2 run with their checkpoint names, written once for the recipe and the loader: G, D, the
/// moving average of G (which samples, with fixed noise), and the training state (path-length mean, ADA's p).
/// </summary>
public sealed class StyleGanNetworks : AdversarialNetworks<StyleGenerator, StyleDiscriminator>
{
    /// <summary>Holds G, D, the moving average of G and the running values of training.</summary>
    public StyleGanNetworks(StyleGenerator generator, StyleDiscriminator discriminator, StyleGenerator averageGenerator, StyleGanTrainingState state)
        : base(generator, discriminator, averageGenerator)
    {
        State = state;
    }

    /// <summary>The running values of training.</summary>
    public StyleGanTrainingState State { get; }

    /// <summary>Untrained networks of <paramref name="options"/> (validated first), G's average starting as a copy of G, its noise fixed.</summary>
    public static StyleGanNetworks Create(StyleGanOptions options)
    {
        options.Validate();
        var generator = new StyleGenerator(options);
        var discriminator = new StyleDiscriminator(options);
        var average = new StyleGenerator(options);
        ExponentialMovingAverage.CopyFrom(average, generator);
        average.Synthesis.NoiseMode = NoiseMode.Fixed;
        return new StyleGanNetworks(generator, discriminator, average, new StyleGanTrainingState());
    }

    /// <summary>G, D and G's average as every GAN family names them, then the training state.</summary>
    public override IReadOnlyList<(string Name, nn.Module Module)> Checkpointed() => [.. base.Checkpointed(), ("training_state", State)];
}
