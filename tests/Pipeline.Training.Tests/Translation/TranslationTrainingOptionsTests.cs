using Pipeline.Training.Gans;
using Pipeline.Training.Translation;

namespace Pipeline.Training.Tests.Translation;

public sealed class TranslationTrainingOptionsTests
{
    [Fact]
    public void Learning_rate_is_constant_for_half_the_run_then_falls_linearly_to_zero()
    {
        var schedule = new TranslationTrainingOptions(Steps: 201).Schedule;

        Assert.Equal(2e-4, schedule.At(0));
        Assert.Equal(2e-4, schedule.At(99));
        Assert.Equal(1e-4, schedule.At(150), precision: 12);
        Assert.Equal(0.0, schedule.At(200), precision: 12);
        var tail = Enumerable.Range(100, 101).Select(s => schedule.At(s)).ToArray();
        Assert.True(tail.Zip(tail.Skip(1)).All(p => p.Second < p.First));
    }

    [Fact]
    public void Refuses_the_gradient_penalty_objective()
    {
        var error = Assert.Throws<ArgumentException>(() => new TranslationTrainingOptions(Objective: GanObjective.WassersteinGradientPenalty).Validate());

        Assert.Contains("WGAN-GP is not supported", error.Message);
    }
}
