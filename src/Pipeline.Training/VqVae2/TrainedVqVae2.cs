using Pipeline.Data;
using Pipeline.Models.VqVae2;
using Pipeline.Training.Checkpoints;
using Pipeline.Training.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Training.VqVae2;

/// <summary>A VQ-VAE-2 rebuilt from a run folder's config and last checkpoint (codebooks included), in eval mode.</summary>
public sealed class TrainedVqVae2 : IDisposable
{
    private readonly Lazy<(ImageDataset Train, ImageDataset Test)> _data;

    private TrainedVqVae2(RunFolder run, VqVae2RunConfig config, VqVae2Autoencoder model, long step)
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
    public VqVae2RunConfig Config { get; }

    /// <summary>The model, in eval mode on the requested device.</summary>
    public VqVae2Autoencoder Model { get; }

    /// <summary>Training steps behind these weights.</summary>
    public long Step { get; }

    /// <summary>The run's training and test images, loaded on first use.</summary>
    public (ImageDataset Train, ImageDataset Test) Data => _data.Value;

    /// <summary>Loads <paramref name="runPath"/>/checkpoints/last.ckpt into a model built from its config.json.</summary>
    public static TrainedVqVae2 Load(string runPath, Device device)
    {
        var run = RunFolder.Open(runPath);
        if (RunKinds.Of(runPath) is var kind && kind != VqVae2RunConfig.RunKind)
        {
            throw new InvalidDataException($"{run.Path} is a '{kind}' run; this needs a VQ-VAE-2 run (trained with `train vqvae2`).");
        }

        var config = run.ReadConfig<VqVae2RunConfig>();
        var model = VqVae2Autoencoder.Create(config.Model);
        var header = Checkpoint.Load(run.LastCheckpointPath, VqVae2RunConfig.RunKind, [("vqvae2", model)], []);
        model.to(device);
        model.eval();
        return new TrainedVqVae2(run, config, model, header.Step);
    }

    /// <inheritdoc />
    public void Dispose() => Model.Dispose();
}
