using System.Text.Json;
using Pipeline.Models.Gans;
using Pipeline.Training.Gans;
using Pipeline.Training.Loop;
using Pipeline.Training.Runs;
using static TorchSharp.torch;

namespace Pipeline.Training.Tests.Gans;

public sealed class MixedPrecisionTests
{
    private static readonly GanOptions Tiny = new(LatentSize: 16, GeneratorWidth: 8, DiscriminatorWidth: 8);

    [Fact]
    public void Bf16_first_step_matches_fp32_within_bfloat16_rounding_and_its_discriminator_loss_falls()
    {
        // Given: the same seed, networks and batches in fp32 and in bf16.
        var fp32 = Train(GanPrecision.Fp32, steps: 1, out _);

        // When
        var bf16 = Train(GanPrecision.Bf16, steps: 30, out var trainer);

        // Then: one step apart only by rounding (bfloat16 keeps 8 significant bits); then D learns.
        Assert.Equal(fp32[0].D, bf16[0].D, 0.05);
        Assert.Equal(fp32[0].G, bf16[0].G, 0.05);
        Assert.True(bf16.Skip(20).Average(l => l.D) < bf16[0].D, $"D loss did not fall: {bf16[0].D} → {bf16.Skip(20).Average(l => l.D)}");
        Assert.All(trainer.Generator.parameters().Concat(trainer.Discriminator.parameters()), p => Assert.Equal(ScalarType.Float32, p.dtype));
        trainer.Dispose();
    }

    [Fact]
    public void A_config_written_before_the_precision_option_reads_as_fp32()
    {
        // Given
        var config = new GanRunConfig(Tiny, new GanTrainingOptions(Precision: GanPrecision.Bf16), SmallData.Source(128, 32));
        var json = JsonSerializer.Serialize(config, RunFolder.Json);
        var old = json.Replace(",\"precision\":\"Bf16\"", string.Empty, StringComparison.Ordinal);

        // When
        var read = JsonSerializer.Deserialize<GanRunConfig>(old, RunFolder.Json)!;

        // Then
        Assert.NotEqual(json, old);
        Assert.Equal(GanPrecision.Fp32, read.Training.Precision);
        Assert.Equal(GanPrecision.Bf16, JsonSerializer.Deserialize<GanRunConfig>(json, RunFolder.Json)!.Training.Precision);
    }

    private static List<(double D, double G)> Train(GanPrecision precision, long steps, out GanTrainer trainer)
    {
        using var folder = new TempDirectory();
        var config = new GanRunConfig(Tiny,
            new GanTrainingOptions(Steps: steps, BatchSize: 16, Seed: 42, LogEverySteps: 10, SampleEverySteps: 100, CheckpointEverySteps: 100, Precision: precision),
            SmallData.Source(128, 32));
        var run = RunFolder.Create(folder.Path);
        run.WriteConfig(config);
        trainer = new GanTrainer(run, config, SmallData.TrainImages(128), CPU);
        var losses = new LossRecorder();
        Assert.Equal(TrainingOutcome.Completed, trainer.Train(losses).Outcome);
        return losses.Losses;
    }

    private sealed class LossRecorder : IProgress<TrainingProgress>
    {
        public List<(double D, double G)> Losses { get; } = [];

        public void Report(TrainingProgress value) =>
            Losses.Add((value.Values.Single(v => v.Name == "D loss").Value, value.Values.Single(v => v.Name == "G loss").Value));
    }
}
