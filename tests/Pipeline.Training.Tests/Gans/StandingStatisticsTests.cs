using Pipeline.Models.Gans;
using Pipeline.Training.Gans;
using static TorchSharp.torch;

namespace Pipeline.Training.Tests.Gans;

public sealed class StandingStatisticsTests
{
    [Fact]
    public void Recalibrated_running_mean_is_the_mean_of_the_generators_own_activations()
    {
        // Given: running statistics that belong to some other network.
        manual_seed(1);
        using var generator = new DcganGenerator(GanOptions.ConditionalFashion28 with { LatentSize = 8, GeneratorWidth = 8 });
        using (no_grad())
        {
            generator.ProjectNorm.Norm.running_mean!.fill_(5.0);
        }

        // When
        StandingStatistics.Recalibrate(generator, CPU, batches: 20, batchSize: 64);

        // Then: the first BN's mean is the per-channel mean of project(z) over many fresh draws, and eval mode is back.
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var width = generator.ProjectNorm.Gamma.weight!.shape[1];
        var activations = generator.Project.call(randn(4096, 8)).reshape(4096, width, -1);  // (B, C, s·s)
        var expected = activations.mean([0, 2]);                                            // (C)
        Assert.True(generator.ProjectNorm.Norm.running_mean!.allclose(expected, atol: 0.05), "running mean should be re-estimated");
        Assert.False(generator.training);
        Assert.Equal(0.1, generator.ProjectNorm.Norm.momentum);
    }
}
