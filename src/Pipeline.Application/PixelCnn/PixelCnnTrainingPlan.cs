using Pipeline.Data;
using Pipeline.Training.PixelCnn;

namespace Pipeline.Application.PixelCnn;

/// <summary>The PixelCNN's part of <see cref="TrainingJob"/>: its grey images, the grid and class count fitted from them, and <see cref="PixelCnnRecipe"/>.</summary>
public sealed class PixelCnnTrainingPlan : ITrainingPlan<PixelCnnRunConfig, (ImageDataset Train, ImageDataset Test), PixelCnnStepReport, PixelCnnMetrics>
{
    /// <summary>The one instance; the plan has no state.</summary>
    public static PixelCnnTrainingPlan Instance { get; } = new();

    /// <inheritdoc />
    public string Kind => PixelCnnRunConfig.RunKind;

    /// <inheritdoc />
    public string Name => "PixelCNN";

    /// <inheritdoc />
    public string TrainedWith => "`train pixelcnn`";

    /// <inheritdoc />
    public (ImageDataset Train, ImageDataset Test) Load(PixelCnnRunConfig config) => config.Data.Load();

    /// <summary>The grid of the images, their class count for a class-conditional model; checked before the run folder is made.</summary>
    public PixelCnnRunConfig Fit(PixelCnnRunConfig config, (ImageDataset Train, ImageDataset Test) data)
    {
        var model = config.Model with { Height = data.Train.Height, Width = data.Train.Width };
        model = model.IsClassConditional ? model with { ClassCount = data.Train.ClassCount } : model;
        model.Validate();
        return config with { Model = model };
    }

    /// <inheritdoc />
    public IEnumerable<string> Describe(PixelCnnRunConfig config, (ImageDataset Train, ImageDataset Test) data)
    {
        var (train, test) = data;
        var o = config.Model;
        yield return TrainingDescriptions.Data(train, test, config.Data.Path);
        yield return $"{TrainingDescriptions.Conditioning(o.IsClassConditional, o.ClassCount)} gated PixelCNN, {o.Layers} layers of {o.Channels} channels, {o.Levels}-way softmax per pixel, receptive field {(o.FirstKernelSize / 2) + ((o.Layers - 1) * (o.KernelSize / 2))} rows up";
    }

    /// <inheritdoc />
    public ITrainingRecipe<PixelCnnStepReport, PixelCnnMetrics> CreateRecipe(PixelCnnRunConfig config, (ImageDataset Train, ImageDataset Test) data, Device device) =>
        new PixelCnnRecipe(config, data.Train, data.Test, device);
}
