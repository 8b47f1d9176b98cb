using Pipeline.Application.Training;
using Pipeline.Training;
using Pipeline.Training.Loop;
using Pipeline.Training.Runs;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Pipeline.Cli.Tests.Families.ToyLine;

// A trainable, exportable family that exists only in the tests: it fits y = 3x + 1 with one Linear layer. What a
// family writes is here (its config, model, recipe and plan) and in ToyLineFamily.cs (its options and its export);
// the run folder, resume, checkpoints, option guards and the train subcommand are the shared ones.

/// <summary>The toy's config.json.</summary>
internal sealed record ToyLineRunConfig(long Steps, int BatchSize, double LearningRate, int LogEvery, int CheckpointEvery, int Seed)
{
    public const string RunKind = "toyline";

    public string Kind => RunKind;
}

internal sealed record ToyLineReport(int Images, double Loss) : IStepReport
{
    public IReadOnlyList<(string Name, double Value)> Shown => [("mse", Loss)];
}

internal sealed record ToyLineMetrics(long Step, double Loss) : IStepMetrics;

/// <summary>One SGD step on a fresh batch drawn from the step's seed, so a resumed run repeats the uninterrupted one.</summary>
internal sealed class ToyLineRecipe : ITrainingRecipe<ToyLineReport, ToyLineMetrics>, IDisposable
{
    /// <summary>The checkpoint's name of the model, shared by the recipe and the loader.</summary>
    public const string ModuleName = "line";

    private readonly ToyLineRunConfig _config;
    private readonly OptimizerHelper _optimizer;

    public ToyLineRecipe(ToyLineRunConfig config)
    {
        _config = config;
        random.manual_seed(config.Seed);
        Model = ToyLineModel();
        _optimizer = optim.SGD(Model.parameters(), config.LearningRate);
        Modules = [(ModuleName, Model)];
        Optimizers = [("sgd", _optimizer)];
    }

    public Sequential Model { get; }

    /// <summary>The model: y = w x + b, (B, 1) → (B, 1); a Sequential, so the exporter's container converter takes it.</summary>
    public static Sequential ToyLineModel() => nn.Sequential(("line", nn.Linear(1, 1)));

    public string Kind => ToyLineRunConfig.RunKind;

    public long TotalSteps => _config.Steps;

    public IReadOnlyList<(string Name, nn.Module Module)> Modules { get; }

    public IReadOnlyList<(string Name, OptimizerHelper Optimizer)> Optimizers { get; }

    public TrainingCadence Cadence => new(_config.LogEvery, _config.CheckpointEvery);

    public ToyLineReport Step(long step)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(StepSeeds.For(_config.Seed, step));
        var x = randn(_config.BatchSize, 1);
        var loss = nn.functional.mse_loss(Model.forward(x), (3 * x) + 1);
        _optimizer.zero_grad();
        loss.backward();
        _optimizer.step();
        return new ToyLineReport(_config.BatchSize, loss.item<float>());
    }

    public double EpochOf(long steps) => steps;

    public ToyLineMetrics Summarise(StepWindow<ToyLineReport> window) => new(window.EndStep, window.Steps.Average(r => r.Loss));

    public void Dispose() => Model.Dispose();
}

/// <summary>The toy's part of the shared training job: no data to load, the recipe above.</summary>
internal sealed class ToyLinePlan : ITrainingPlan<ToyLineRunConfig, object?, ToyLineReport, ToyLineMetrics>
{
    public string Kind => ToyLineRunConfig.RunKind;

    public string Name => "toy line";

    public string TrainedWith => "`train toyline`";

    public object? Load(ToyLineRunConfig config) => null;

    public IEnumerable<string> Describe(ToyLineRunConfig config, object? data) => [$"fitting y = 3x + 1 with SGD({config.LearningRate})"];

    public ITrainingRecipe<ToyLineReport, ToyLineMetrics> CreateRecipe(ToyLineRunConfig config, object? data, Device device) => new ToyLineRecipe(config);
}

/// <summary>A toy run rebuilt from its folder through the shared loader.</summary>
internal sealed class TrainedToyLine : TrainedRun<ToyLineRunConfig, Sequential>
{
    private TrainedToyLine((RunFolder, ToyLineRunConfig, Sequential, long) restored)
        : base(restored, null)
    {
    }

    public static TrainedToyLine Load(string runPath, Device device) =>
        new(Restore(runPath, ToyLineRunConfig.RunKind, "`train toyline`", ToyLineRecipe.ModuleName, _ => ToyLineRecipe.ToyLineModel(), device));
}
