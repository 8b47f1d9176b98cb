namespace Pipeline.Training.Gans;

/// <summary>
/// The networks of a GAN family's run, G, D and the moving average of G, with their checkpoint names written once for
/// every family's recipe and loader. A family adds its own modules by extending <see cref="Checkpointed"/>.
/// </summary>
/// <typeparam name="TGenerator">G's type (the moving average has the same).</typeparam>
/// <typeparam name="TDiscriminator">D's type.</typeparam>
public abstract class AdversarialNetworks<TGenerator, TDiscriminator> : IDisposable
    where TGenerator : nn.Module
    where TDiscriminator : nn.Module
{
    /// <summary>Holds the networks; build them in the order the checkpoint's loader expects (G, D, then G's average), since that order draws the initial weights.</summary>
    protected AdversarialNetworks(TGenerator generator, TDiscriminator discriminator, TGenerator averageGenerator)
    {
        Generator = generator;
        Discriminator = discriminator;
        AverageGenerator = averageGenerator;
    }

    /// <summary>G as trained.</summary>
    public TGenerator Generator { get; }

    /// <summary>D.</summary>
    public TDiscriminator Discriminator { get; }

    /// <summary>The moving average of G's weights.</summary>
    public TGenerator AverageGenerator { get; }

    /// <summary>The modules under their checkpoint names, in checkpoint order.</summary>
    public virtual IReadOnlyList<(string Name, nn.Module Module)> Checkpointed() =>
        [("generator", Generator), ("discriminator", Discriminator), ("generator_ema", AverageGenerator)];

    /// <summary>Moves every module to <paramref name="device"/>, in checkpoint order.</summary>
    public void To(Device device)
    {
        foreach (var (_, module) in Checkpointed())
        {
            module.to(device);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var (_, module) in Checkpointed())
        {
            module.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}
