using Pipeline.Models.Runtime;
using Pipeline.Training.Checkpoints;

namespace Pipeline.Training.Runs;

/// <summary>
/// A model rebuilt from a run folder's config.json and last checkpoint, in eval mode, with the run's data on demand:
/// what every command after training (evaluate, sample, export, …) starts from. A family derives from it with its
/// config and model types and a <c>Load</c> that calls <see cref="Restore(string, string, string, string, Func{TConfig, TModel}, Device)"/>
/// (one module) or <see cref="Restore(string, string, string, Func{TConfig, TModel}, Func{TModel, IReadOnlyList{ValueTuple{string, nn.Module}}}, Device)"/>
/// (several, e.g. G, D and the moving average of G), naming the checkpoint's modules with the names its recipe uses.
/// </summary>
/// <typeparam name="TConfig">The family's run configuration.</typeparam>
/// <typeparam name="TModel">The trained module, or a class holding the trained modules.</typeparam>
public abstract class TrainedRun<TConfig, TModel> : IDisposable
    where TModel : IDisposable
{
    private readonly Lazy<(ImageDataset Train, ImageDataset Test)> _data;

    /// <summary>Wraps what <c>Restore</c> returned; <paramref name="data"/> is the run's image source, null for a family that trains on none.</summary>
    protected TrainedRun((RunFolder Run, TConfig Config, TModel Model, long Step) restored, DataSource? data)
    {
        (Run, Config, Model, Step) = restored;
        _data = new(() => data?.Load() ?? throw new InvalidOperationException($"{restored.Run.Path}: a {typeof(TConfig).Name} run has no image data."));
    }

    /// <summary>The run it came from.</summary>
    public RunFolder Run { get; }

    /// <summary>The run's configuration.</summary>
    public TConfig Config { get; }

    /// <summary>The model, in eval mode on the requested device.</summary>
    public TModel Model { get; }

    /// <summary>Training steps behind these weights.</summary>
    public long Step { get; }

    /// <summary>The run's training and test images, loaded on first use and then kept (decompressing them is the slow part of every command).</summary>
    public (ImageDataset Train, ImageDataset Test) Data => _data.Value;

    /// <inheritdoc />
    public void Dispose()
    {
        Model.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Opens <paramref name="runPath"/> (refusing a run of another kind than <paramref name="kind"/>, naming
    /// <paramref name="trainedWith"/>), reads its config, builds the module with <paramref name="build"/> and loads
    /// checkpoints/last.ckpt into it under <paramref name="moduleName"/>, on <paramref name="device"/> in eval mode.
    /// </summary>
    protected static (RunFolder Run, TConfig Config, TModel Model, long Step) Restore(string runPath, string kind, string trainedWith, string moduleName,
        Func<TConfig, TModel> build, Device device) =>
        Restore(runPath, kind, trainedWith, build, model => [(moduleName, model as nn.Module ?? throw new InvalidOperationException($"{typeof(TModel).Name} is not a module; name its modules."))], device);

    /// <summary>
    /// As the one-module Restore, for a model of several modules: <paramref name="checkpointed"/> names them as the
    /// checkpoint does (the recipe's names); each is loaded, moved to <paramref name="device"/> and put in eval mode.
    /// </summary>
    protected static (RunFolder Run, TConfig Config, TModel Model, long Step) Restore(string runPath, string kind, string trainedWith,
        Func<TConfig, TModel> build, Func<TModel, IReadOnlyList<(string Name, nn.Module Module)>> checkpointed, Device device)
    {
        ConvolutionKernels.EnsureChecked();
        var run = RunKinds.Open(runPath, kind, trainedWith);
        var config = run.ReadConfig<TConfig>();
        var model = build(config);
        var modules = checkpointed(model);
        var header = Checkpoint.Load(run.LastCheckpointPath, kind, modules, []);
        foreach (var (_, module) in modules)
        {
            module.to(device);
            module.eval();
        }

        return (run, config, model, header.Step);
    }
}
