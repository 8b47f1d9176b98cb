using Pipeline.Data;
using Pipeline.Training.StyleGan;

namespace Pipeline.Application.StyleGan;

/// <summary>
/// StyleGAN2's part of <see cref="TrainingJob"/>: its training images at the model's size (Fashion-MNIST padded to
/// 32×32), the class count fitted from them, and <see cref="StyleGanRecipe"/>.
/// </summary>
public sealed class StyleGanTrainingPlan : ITrainingPlan<StyleGanRunConfig, ImageDataset, StyleGanStepReport, StyleGanStepMetrics>
{
    /// <inheritdoc />
    public string Kind => StyleGanRunConfig.RunKind;

    /// <inheritdoc />
    public string Name => "StyleGAN2";

    /// <inheritdoc />
    public string TrainedWith => "`train stylegan`";

    /// <summary>The training images at the model's size, checked before the run folder is made.</summary>
    public ImageDataset Load(StyleGanRunConfig config) => StyleGanData.ForTraining(config.Data.Load().Train, config.Model);

    /// <inheritdoc />
    public StyleGanRunConfig Fit(StyleGanRunConfig config, ImageDataset data) => config.FitTo(data);

    /// <inheritdoc />
    public IEnumerable<string> Describe(StyleGanRunConfig config, ImageDataset data)
    {
        var (o, t) = (config.Model, config.Training);
        yield return TrainingDescriptions.Data(data, config.Data.Path);
        yield return $"{TrainingDescriptions.Conditioning(o.IsConditional, o.ClassCount)} StyleGAN2 {o.ImageSize}x{o.ImageSize}, " +
            $"z {o.LatentSize}, w {o.StyleSize}, {o.MappingLayers} mapping layers, {o.StyleCount} styles, widths {o.MaxWidth}→{o.MinWidth}; " +
            $"batch {t.BatchSize}, Adam {t.GeneratorLearningRate}/{t.DiscriminatorLearningRate} β ({t.Beta1}, {t.Beta2}), " +
            $"R1 γ {t.R1Gamma} every {t.R1Interval}, path length {t.PathLengthWeight} every {t.PathLengthInterval}, mixing {t.StyleMixingProbability}, " +
            $"EMA half-life {t.EmaHalfLifeImages} images{(t.AdaptiveAugmentation ? $", ADA target {t.AdaTarget}" : string.Empty)}, fp32";
    }

    /// <inheritdoc />
    public ITrainingRecipe<StyleGanStepReport, StyleGanStepMetrics> CreateRecipe(StyleGanRunConfig config, ImageDataset data, Device device) =>
        new StyleGanRecipe(config, data, device);
}
