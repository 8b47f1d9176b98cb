using Pipeline.Data;
using Pipeline.Training.Vae;

namespace Pipeline.Application.Vae;

/// <summary>The VAE's part of <see cref="TrainingJob"/>: its data (train and test images) and <see cref="VaeRecipe"/>.</summary>
public sealed class VaeTrainingPlan : ITrainingPlan<VaeRunConfig, (ImageDataset Train, ImageDataset Test), VaeStepReport, VaeEpochMetrics>
{
    /// <summary>The one instance; the plan has no state.</summary>
    public static VaeTrainingPlan Instance { get; } = new();

    /// <inheritdoc />
    public string Kind => VaeRunConfig.RunKind;

    /// <inheritdoc />
    public string Name => "VAE";

    /// <inheritdoc />
    public string TrainedWith => "`train vae`";

    /// <inheritdoc />
    public (ImageDataset Train, ImageDataset Test) Load(VaeRunConfig config) => config.Data.Load();

    /// <inheritdoc />
    public IEnumerable<string> Describe(VaeRunConfig config, (ImageDataset Train, ImageDataset Test) data)
    {
        yield return TrainingDescriptions.Data(data.Train, data.Test, config.Data.Path);
    }

    /// <inheritdoc />
    public ITrainingRecipe<VaeStepReport, VaeEpochMetrics> CreateRecipe(VaeRunConfig config, (ImageDataset Train, ImageDataset Test) data, Device device) =>
        new VaeRecipe(config, data.Train, data.Test, device);
}
