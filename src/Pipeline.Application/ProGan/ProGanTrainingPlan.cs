using Pipeline.Data;
using Pipeline.Training.ProGan;

namespace Pipeline.Application.ProGan;

/// <summary>The Progressive GAN's part of <see cref="TrainingJob"/>: its training images at the model's size, the class count fitted from them, and <see cref="ProGanRecipe"/>.</summary>
public sealed class ProGanTrainingPlan : ITrainingPlan<ProGanRunConfig, ImageDataset, ProGanStepReport, ProGanStepMetrics>
{
    /// <inheritdoc />
    public string Kind => ProGanRunConfig.RunKind;

    /// <inheritdoc />
    public string Name => "Progressive GAN";

    /// <inheritdoc />
    public string TrainedWith => "`train progan`";

    /// <inheritdoc />
    public ImageDataset Load(ProGanRunConfig config) => config.AtModelSize(config.Data.Load().Train);

    /// <inheritdoc />
    public ProGanRunConfig Fit(ProGanRunConfig config, ImageDataset data) => config.FitTo(data);

    /// <inheritdoc />
    public IEnumerable<string> Describe(ProGanRunConfig config, ImageDataset data)
    {
        var (o, t, schedule) = (config.Model, config.Training, config.Schedule);
        yield return TrainingDescriptions.Data(data, config.Data.Path);
        yield return $"{TrainingDescriptions.Conditioning(o.IsConditional, o.ClassCount)} Progressive GAN growing 4 → {o.ImageSize}, "
            + $"z {o.LatentSize}, channels {string.Join("/", Enumerable.Range(0, o.Levels + 1).Select(o.WidthAt))}, WGAN-GP (λ {t.GradientPenaltyWeight}, drift {t.DriftWeight}), Adam {t.LearningRate}";
        yield return $"schedule: {t.ImagesPerPhase} images per phase = {schedule.StepsPerPhase} steps of {t.BatchSize}; {schedule.Phases} phases, full size stable from step {schedule.StartOf(schedule.Phases - 1)}, {config.TotalSteps} steps in all";
    }

    /// <inheritdoc />
    public ITrainingRecipe<ProGanStepReport, ProGanStepMetrics> CreateRecipe(ProGanRunConfig config, ImageDataset data, Device device) =>
        new ProGanRecipe(config, data, device);
}
