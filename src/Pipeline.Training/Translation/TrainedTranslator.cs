using Pipeline.Data.Translation;
using Pipeline.Training.Checkpoints;

namespace Pipeline.Training.Translation;

/// <summary>A translation run's generator(s) rebuilt from its config and last checkpoint, in eval mode.</summary>
public sealed class TrainedTranslator : IDisposable
{
    private readonly (string Name, nn.Module Module)[] _modules;
    private readonly Lazy<TranslationImages> _test;

    private TrainedTranslator(RunFolder run, TranslationRunConfig config, nn.Module<Tensor, Tensor> forward, nn.Module<Tensor, Tensor>? backward, (string, nn.Module)[] modules, long step)
    {
        Run = run;
        Config = config;
        Forward = forward;
        Backward = backward;
        _modules = modules;
        Step = step;
        _test = new(() => config.Data.Load(DataSplit.Test));
    }

    /// <summary>The run it came from.</summary>
    public RunFolder Run { get; }

    /// <summary>The run's configuration.</summary>
    public TranslationRunConfig Config { get; }

    /// <summary>A → B: G_A of CycleGAN, the U-Net of pix2pix, the super-resolution generator.</summary>
    public nn.Module<Tensor, Tensor> Forward { get; }

    /// <summary>B → A: CycleGAN's G_B; null for the paired recipes.</summary>
    public nn.Module<Tensor, Tensor>? Backward { get; }

    /// <summary>Steps behind these weights.</summary>
    public long Step { get; }

    /// <summary>The run's test images, loaded on first use and kept.</summary>
    public TranslationImages Test => _test.Value;

    /// <summary>Loads <paramref name="runPath"/>/checkpoints/last.ckpt into networks built from its config.json.</summary>
    /// <exception cref="InvalidDataException">The run is not a translation run or its checkpoint does not fit its config.</exception>
    public static TrainedTranslator Load(string runPath, Device device)
    {
        var run = RunFolder.Open(runPath);
        if (RunKinds.Of(run.Path) != TranslationRunConfig.RunKind)
        {
            throw new InvalidDataException($"{run.ConfigPath}: a '{RunKinds.Of(run.Path)}' run, not a translation run.");
        }

        var config = run.ReadConfig<TranslationRunConfig>().Validate();
        random.manual_seed(config.Training.Seed);
        var (forward, backward, modules) = TranslationNetworks.ForRun(config);
        var header = Checkpoint.Load(run.LastCheckpointPath, TranslationRunConfig.RunKind, modules, []);
        foreach (var (_, module) in modules)
        {
            module.to(device);
            module.eval();
        }

        return new TrainedTranslator(run, config, forward, backward, modules, header.Step);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var (_, module) in _modules)
        {
            module.Dispose();
        }
    }
}
