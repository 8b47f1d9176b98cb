using Pipeline.Training.Checkpoints;
using Pipeline.Training.PixelCnn;
using Pipeline.Training.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Training.VqVae2;

/// <summary>One trained prior of a VQ-VAE-2 run, rebuilt from RUN/priors/LEVEL's config and last checkpoint, in eval mode.</summary>
public sealed class TrainedVqVae2Prior : IDisposable
{
    private TrainedVqVae2Prior(RunFolder run, VqVae2PriorRunConfig config, Models.PixelCnn.PixelCnn net, long step)
    {
        Run = run;
        Config = config;
        Net = net;
        Step = step;
    }

    /// <summary>The prior's run folder.</summary>
    public RunFolder Run { get; }

    /// <summary>Its configuration.</summary>
    public VqVae2PriorRunConfig Config { get; }

    /// <summary>The trained network.</summary>
    public Models.PixelCnn.PixelCnn Net { get; }

    /// <summary>Steps behind these weights.</summary>
    public long Step { get; }

    /// <summary>True when <paramref name="autoencoderRun"/> has a trained prior of <paramref name="level"/>.</summary>
    public static bool Exists(string autoencoderRun, string level)
    {
        var folder = VqVae2PriorRunConfig.FolderOf(autoencoderRun, level);
        return File.Exists(Path.Combine(folder, RunFolder.ConfigFileName)) && File.Exists(Path.Combine(folder, "checkpoints", "last.ckpt"));
    }

    /// <summary>
    /// The <paramref name="level"/> prior of the VQ-VAE-2 run <paramref name="autoencoderRun"/>. A missing prior is a
    /// <see cref="FileNotFoundException"/> naming its folder and the command that trains it.
    /// </summary>
    public static TrainedVqVae2Prior Load(string autoencoderRun, string level, Device device)
    {
        var folder = VqVae2PriorRunConfig.FolderOf(autoencoderRun, level);
        if (!Exists(autoencoderRun, level))
        {
            throw new FileNotFoundException(
                $"{folder} holds no trained {level} prior: train it with `pipeline train vqvae2-prior --autoencoder {autoencoderRun} --level {level}`.", folder);
        }

        var run = RunKinds.Open(folder, VqVae2PriorRunConfig.RunKind, "`train vqvae2-prior`");
        var config = run.ReadConfig<VqVae2PriorRunConfig>();
        config.Model.Validate();
        var net = new Models.PixelCnn.PixelCnn(config.Model);
        var header = Checkpoint.Load(run.LastCheckpointPath, VqVae2PriorRunConfig.RunKind, [(TrainedPixelCnn.ModuleName, net)], []);
        net.to(device);
        net.eval();
        return new TrainedVqVae2Prior(run, config, net, header.Step);
    }

    /// <inheritdoc />
    public void Dispose() => Net.Dispose();
}
