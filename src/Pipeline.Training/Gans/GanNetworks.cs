using Pipeline.Models.Gans;

namespace Pipeline.Training.Gans;

/// <summary>The networks of a GAN run, G, D and the moving average of G, with their checkpoint names written once for the recipe and the loader.</summary>
/// <param name="Generator">G as trained.</param>
/// <param name="Discriminator">D.</param>
/// <param name="AverageGenerator">The moving average of G's weights.</param>
public sealed record GanNetworks(DcganGenerator Generator, ProjectionDiscriminator Discriminator, DcganGenerator AverageGenerator) : IDisposable
{
    /// <summary>Untrained networks of <paramref name="options"/>, built in the order the checkpoint's loader expects.</summary>
    public static GanNetworks Create(GanOptions options)
    {
        var generator = new DcganGenerator(options);
        var discriminator = new ProjectionDiscriminator(options);
        return new GanNetworks(generator, discriminator, new DcganGenerator(options));
    }

    /// <summary>The networks under their checkpoint names, in checkpoint order.</summary>
    public IReadOnlyList<(string Name, torch.nn.Module Module)> Checkpointed() =>
        [("generator", Generator), ("discriminator", Discriminator), ("generator_ema", AverageGenerator)];

    /// <inheritdoc />
    public void Dispose()
    {
        Generator.Dispose();
        Discriminator.Dispose();
        AverageGenerator.Dispose();
    }
}
