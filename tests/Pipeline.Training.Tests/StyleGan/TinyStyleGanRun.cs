using Pipeline.Data;
using Pipeline.Models.StyleGan;
using Pipeline.Training.StyleGan;

namespace Pipeline.Training.Tests.StyleGan;

/// <summary>A StyleGAN2 run small enough to train a step in a few milliseconds: Fashion-MNIST padded to 32×32, narrow networks.</summary>
internal static class TinyStyleGanRun
{
    public static StyleGanOptions Model { get; } = StyleGanOptions.Fashion32 with { LatentSize = 16, StyleSize = 16, MappingLayers = 2, MaxWidth = 16, MinWidth = 8 };

    public static StyleGanRunConfig Config(long steps, int batch = 8) => new(
        Model,
        new StyleGanTrainingOptions(Steps: steps, BatchSize: batch, R1Interval: 4, PathLengthInterval: 2, EmaHalfLifeImages: 100, Seed: 7,
            LogEverySteps: 2, SampleEverySteps: 4, CheckpointEverySteps: 4),
        SmallData.Source(128, 32));

    public static ImageDataset Images => SmallData.TrainImages(128);
}
