using Pipeline.Training.ProGan;

namespace Pipeline.Training.Tests.ProGan;

public sealed class ProGanScheduleTests
{
    // 100 images per phase in batches of 32: 4 steps per phase (the last one short), 3 levels: 7 phases, 28 steps.
    private static readonly ProGanSchedule Schedule = new(ImagesPerPhase: 100, BatchSize: 32, Levels: 3);

    [Theory]
    [InlineData(0, 0, 0, 4, 1.0)]
    [InlineData(3, 0, 0, 4, 1.0)]
    [InlineData(4, 1, 1, 8, 0.0)]
    [InlineData(5, 1, 1, 8, 0.25)]
    [InlineData(7, 1, 1, 8, 0.75)]
    [InlineData(8, 2, 1, 8, 1.0)]
    [InlineData(12, 3, 2, 16, 0.0)]
    [InlineData(18, 4, 2, 16, 1.0)]
    [InlineData(22, 5, 3, 32, 0.5)]
    [InlineData(24, 6, 3, 32, 1.0)]
    [InlineData(1000, 6, 3, 32, 1.0)]
    public void A_step_has_the_phase_level_and_alpha_of_the_schedule(long step, int phase, int level, int size, double alpha)
    {
        var stage = Schedule.At(step);

        Assert.Equal(new GrowthStage(phase, level, size, alpha), stage);
    }

    [Fact]
    public void Alpha_rises_through_each_transition_and_the_length_covers_every_phase()
    {
        var alphas = Enumerable.Range(0, (int)Schedule.Length).Select(s => Schedule.At(s)).Where(s => s.IsFading).Select(s => s.Alpha).ToArray();

        Assert.Equal(4, Schedule.StepsPerPhase);
        Assert.Equal(28, Schedule.Length);
        Assert.Equal(Enumerable.Repeat(new[] { 0, 0.25, 0.5, 0.75 }, 3).SelectMany(a => a), alphas);
        Assert.Equal(24, Schedule.StartOf(6));
    }

    [Fact]
    public void Training_options_out_of_range_are_refused_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() => new ProGanTrainingOptions(ImagesPerPhase: 0).Validate());

        Assert.Contains("option ImagesPerPhase must be at least 1, got 0", error.Message);
        Assert.Contains("option BatchSize", Assert.Throws<ArgumentException>(() => new ProGanTrainingOptions(BatchSize: 1).Validate()).Message);
    }
}
