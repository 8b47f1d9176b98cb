using Pipeline.Models.ProGan;

namespace Pipeline.Training.ProGan;

/// <summary>The networks of a Progressive GAN run, G, D and the moving average of G, with their checkpoint names written once for the recipe and the loader.</summary>
/// <param name="Generator">G as trained.</param>
/// <param name="Discriminator">D.</param>
/// <param name="AverageGenerator">The moving average of G's weights.</param>
public sealed record ProGanNetworks(ProGanGenerator Generator, ProGanDiscriminator Discriminator, ProGanGenerator AverageGenerator) : IDisposable
{
    /// <summary>Untrained networks of <paramref name="options"/>, built in the order the checkpoint's loader expects.</summary>
    public static ProGanNetworks Create(ProGanOptions options)
    {
        var generator = new ProGanGenerator(options);
        var discriminator = new ProGanDiscriminator(options);
        return new ProGanNetworks(generator, discriminator, new ProGanGenerator(options));
    }

    /// <summary>The networks under their checkpoint names, in checkpoint order.</summary>
    public IReadOnlyList<(string Name, nn.Module Module)> Checkpointed() =>
        [("generator", Generator), ("discriminator", Discriminator), ("generator_ema", AverageGenerator)];

    /// <inheritdoc />
    public void Dispose()
    {
        Generator.Dispose();
        Discriminator.Dispose();
        AverageGenerator.Dispose();
    }
}
