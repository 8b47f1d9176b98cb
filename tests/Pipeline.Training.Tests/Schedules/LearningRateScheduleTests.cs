using Pipeline.Training.Schedules;

namespace Pipeline.Training.Tests.Schedules;

public sealed class LearningRateScheduleTests
{
    [Theory]
    [InlineData(LearningRateShape.Constant, 0, 1e-3)]
    [InlineData(LearningRateShape.Constant, 99, 1e-3)]
    [InlineData(LearningRateShape.Cosine, 0, 1e-3)]
    [InlineData(LearningRateShape.Cosine, 99, 1e-5)]
    [InlineData(LearningRateShape.LinearDecay, 40, 1e-3)]
    [InlineData(LearningRateShape.LinearDecay, 99, 0)]
    public void Rate_is_a_pure_function_of_the_step(LearningRateShape shape, long step, double expected)
    {
        var schedule = new LearningRateSchedule(shape, 1e-3, 100);

        Assert.Equal(expected, schedule.At(step), 9);
    }

    [Fact]
    public void Cosine_rate_decreases_monotonically()
    {
        var schedule = new LearningRateSchedule(LearningRateShape.Cosine, 1.0, 50);

        var rates = Enumerable.Range(0, 50).Select(s => schedule.At(s)).ToArray();

        Assert.True(rates.Zip(rates.Skip(1)).All(p => p.First >= p.Second));
    }
}
