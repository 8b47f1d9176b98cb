using Pipeline.Data;
using Pipeline.Training.Checkpoints;
using Pipeline.Training.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Training.PixelCnn;

/// <summary>A PixelCNN rebuilt from a run folder's config and last checkpoint, ready for sampling, evaluation and export.</summary>
public sealed class TrainedPixelCnn : IDisposable
{
    /// <summary>The network's checkpoint name.</summary>
    public const string ModuleName = "pixelcnn";

    private readonly Lazy<(ImageDataset Train, ImageDataset Test)> _data;

    private TrainedPixelCnn(RunFolder run, PixelCnnRunConfig config, Models.PixelCnn.PixelCnn net, long step)
    {
        Run = run;
        Config = config;
        Net = net;
        Step = step;
        _data = new(config.Data.Load);
    }

    /// <summary>The run it came from.</summary>
    public RunFolder Run { get; }

    /// <summary>The run's configuration.</summary>
    public PixelCnnRunConfig Config { get; }

    /// <summary>The trained network, in eval mode.</summary>
    public Models.PixelCnn.PixelCnn Net { get; }

    /// <summary>Steps behind these weights.</summary>
    public long Step { get; }

    /// <summary>The run's training and test images, loaded on first use.</summary>
    public (ImageDataset Train, ImageDataset Test) Data => _data.Value;

    /// <summary>Loads <paramref name="runPath"/>/checkpoints/last.ckpt into a network built from its config.json.</summary>
    public static TrainedPixelCnn Load(string runPath, Device device)
    {
        var run = RunFolder.Open(runPath);
        var config = run.ReadConfig<PixelCnnRunConfig>();
        config.Model.Validate();
        var net = new Models.PixelCnn.PixelCnn(config.Model);
        var header = Checkpoint.Load(run.LastCheckpointPath, PixelCnnRunConfig.RunKind, [(ModuleName, net)], []);
        net.to(device);
        net.eval();
        return new TrainedPixelCnn(run, config, net, header.Step);
    }

    /// <inheritdoc />
    public void Dispose() => Net.Dispose();
}
