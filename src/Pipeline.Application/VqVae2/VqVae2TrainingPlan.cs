using Pipeline.Data;
using Pipeline.Training.VqVae2;

namespace Pipeline.Application.VqVae2;

/// <summary>The VQ-VAE-2's part of <see cref="TrainingJob"/>: its train and test images and <see cref="VqVae2Recipe"/>.</summary>
public sealed class VqVae2TrainingPlan : ITrainingPlan<VqVae2RunConfig, (ImageDataset Train, ImageDataset Test), VqVae2StepReport, VqVae2Metrics>
{
    /// <summary>The one instance; the plan has no state.</summary>
    public static VqVae2TrainingPlan Instance { get; } = new();

    /// <inheritdoc />
    public string Kind => VqVae2RunConfig.RunKind;

    /// <inheritdoc />
    public string Name => "VQ-VAE-2";

    /// <inheritdoc />
    public string TrainedWith => "`train vqvae2`";

    /// <inheritdoc />
    public (ImageDataset Train, ImageDataset Test) Load(VqVae2RunConfig config) => config.Data.Load();

    /// <inheritdoc />
    public IEnumerable<string> Describe(VqVae2RunConfig config, (ImageDataset Train, ImageDataset Test) data)
    {
        var (train, test) = data;
        var o = config.Model;
        yield return TrainingDescriptions.Data(train, test, config.Data.Path) + $"; codes {o.BottomGrid}x{o.BottomGrid} + {o.TopGrid}x{o.TopGrid}, K = {o.CodebookSize}";
    }

    /// <inheritdoc />
    public ITrainingRecipe<VqVae2StepReport, VqVae2Metrics> CreateRecipe(VqVae2RunConfig config, (ImageDataset Train, ImageDataset Test) data, Device device) =>
        new VqVae2Recipe(config, data.Train, data.Test, device);
}
