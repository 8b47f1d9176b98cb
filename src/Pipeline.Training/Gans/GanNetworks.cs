using Pipeline.Models.Gans;

namespace Pipeline.Training.Gans;

/// <summary>The networks of a GAN run: the DCGAN-style G, the projection D and the moving average of G.</summary>
public sealed class GanNetworks : AdversarialNetworks<DcganGenerator, ProjectionDiscriminator>
{
    /// <summary>Holds G, D and the moving average of G.</summary>
    public GanNetworks(DcganGenerator generator, ProjectionDiscriminator discriminator, DcganGenerator averageGenerator)
        : base(generator, discriminator, averageGenerator)
    {
    }

    /// <summary>Untrained networks of <paramref name="options"/> (validated first), built in the order the checkpoint's loader expects.</summary>
    public static GanNetworks Create(GanOptions options)
    {
        options.Validate();
        var generator = new DcganGenerator(options);
        var discriminator = new ProjectionDiscriminator(options);
        return new GanNetworks(generator, discriminator, new DcganGenerator(options));
    }
}
