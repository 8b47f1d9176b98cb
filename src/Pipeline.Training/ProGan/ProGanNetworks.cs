using Pipeline.Models.ProGan;
using Pipeline.Training.Gans;

namespace Pipeline.Training.ProGan;

/// <summary>The networks of a Progressive GAN run: G, D and the moving average of G, each holding every level's layers.</summary>
public sealed class ProGanNetworks : AdversarialNetworks<ProGanGenerator, ProGanDiscriminator>
{
    /// <summary>Holds G, D and the moving average of G.</summary>
    public ProGanNetworks(ProGanGenerator generator, ProGanDiscriminator discriminator, ProGanGenerator averageGenerator)
        : base(generator, discriminator, averageGenerator)
    {
    }

    /// <summary>Untrained networks of <paramref name="options"/> (validated first), built in the order the checkpoint's loader expects.</summary>
    public static ProGanNetworks Create(ProGanOptions options)
    {
        options.Validate();
        var generator = new ProGanGenerator(options);
        var discriminator = new ProGanDiscriminator(options);
        return new ProGanNetworks(generator, discriminator, new ProGanGenerator(options));
    }
}
