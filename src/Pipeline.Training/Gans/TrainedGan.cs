using Pipeline.Data;
using Pipeline.Models.Gans;
using Pipeline.Training.Checkpoints;
using Pipeline.Training.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Training.Gans;

/// <summary>A GAN rebuilt from a run folder's config and last checkpoint, ready for sampling and evaluation.</summary>
public sealed class TrainedGan : IDisposable
{
    private readonly Lazy<(ImageDataset Train, ImageDataset Test)> _data;

    private TrainedGan(RunFolder run, GanRunConfig config, DcganGenerator generator, DcganGenerator average, ProjectionDiscriminator discriminator, long step)
    {
        Run = run;
        Config = config;
        RawGenerator = generator;
        AverageGenerator = average;
        Discriminator = discriminator;
        Step = step;
        _data = new(config.Data.Load);
    }

    /// <summary>The run it came from.</summary>
    public RunFolder Run { get; }

    /// <summary>The run's configuration.</summary>
    public GanRunConfig Config { get; }

    /// <summary>G as trained.</summary>
    public DcganGenerator RawGenerator { get; }

    /// <summary>The moving average of G.</summary>
    public DcganGenerator AverageGenerator { get; }

    /// <summary>The generator to sample from: the moving average, unless the run switched averaging off.</summary>
    public DcganGenerator Generator => Config.Training.EmaDecay > 0 ? AverageGenerator : RawGenerator;

    /// <summary>D.</summary>
    public ProjectionDiscriminator Discriminator { get; }

    /// <summary>Generator steps behind these weights.</summary>
    public long Step { get; }

    /// <summary>The run's training and test images, loaded on first use and then kept (decompressing them is the slow part of every command).</summary>
    public (ImageDataset Train, ImageDataset Test) Data => _data.Value;

    /// <summary>Loads <paramref name="runPath"/>/checkpoints/last.ckpt into networks built from its config.json.</summary>
    public static TrainedGan Load(string runPath, Device device)
    {
        var run = RunKinds.Open(runPath, GanRunConfig.RunKind, "`train gan` or `train cgan`");
        var config = run.ReadConfig<GanRunConfig>();
        config.Model.Validate();
        var generator = new DcganGenerator(config.Model);
        var discriminator = new ProjectionDiscriminator(config.Model);
        var average = new DcganGenerator(config.Model);
        var header = Checkpoint.Load(run.LastCheckpointPath, GanRunConfig.RunKind,
            [("generator", generator), ("discriminator", discriminator), ("generator_ema", average)], []);
        foreach (nn.Module module in new nn.Module[] { generator, discriminator, average })
        {
            module.to(device);
            module.eval();
        }

        if (config.Training.EmaDecay > 0)
        {
            StandingStatistics.Recalibrate(average, device, seed: config.Training.Seed);
        }

        return new TrainedGan(run, config, generator, average, discriminator, header.Step);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        RawGenerator.Dispose();
        AverageGenerator.Dispose();
        Discriminator.Dispose();
    }
}
