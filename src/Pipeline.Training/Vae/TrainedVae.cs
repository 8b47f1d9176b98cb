using Pipeline.Data;
using Pipeline.Models.Vae;
using Pipeline.Training.Checkpoints;
using Pipeline.Training.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Training.Vae;

/// <summary>A VAE rebuilt from a run folder's config and last checkpoint, ready for evaluation and pictures.</summary>
public sealed class TrainedVae : IDisposable
{
    private readonly Lazy<(ImageDataset Train, ImageDataset Test)> _data;

    private TrainedVae(RunFolder run, VaeRunConfig config, VariationalAutoencoder model, long step)
    {
        Run = run;
        Config = config;
        Model = model;
        Step = step;
        _data = new(config.Data.Load);
    }

    /// <summary>The run it came from.</summary>
    public RunFolder Run { get; }

    /// <summary>The run's configuration.</summary>
    public VaeRunConfig Config { get; }

    /// <summary>The model, in eval mode on the requested device.</summary>
    public VariationalAutoencoder Model { get; }

    /// <summary>Training steps behind these weights.</summary>
    public long Step { get; }

    /// <summary>The run's training and test images, loaded on first use and then kept (decompressing them is the slow part of every command).</summary>
    public (ImageDataset Train, ImageDataset Test) Data => _data.Value;

    /// <summary>Loads <paramref name="runPath"/>/checkpoints/last.ckpt into a VAE built from its config.json.</summary>
    public static TrainedVae Load(string runPath, Device device)
    {
        var run = RunKinds.Open(runPath, VaeRunConfig.RunKind, "`train vae`");
        var config = run.ReadConfig<VaeRunConfig>();
        var model = VariationalAutoencoder.Create(config.Model);
        var header = Checkpoint.Load(run.LastCheckpointPath, VaeRunConfig.RunKind, [("vae", model)], []);
        model.to(device);
        model.eval();
        return new TrainedVae(run, config, model, header.Step);
    }

    /// <inheritdoc />
    public void Dispose() => Model.Dispose();
}
