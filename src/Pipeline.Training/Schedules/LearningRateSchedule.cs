using System.Text.Json.Serialization;

namespace Pipeline.Training.Schedules;

/// <summary>How the learning rate changes over training.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LearningRateShape>))]
public enum LearningRateShape
{
    /// <summary>The base rate throughout (the lecture's recipe).</summary>
    Constant,

    /// <summary>Cosine decay from the base rate to 1% of it at the last step (Loshchilov and Hutter 2017, without restarts).</summary>
    Cosine,

    /// <summary>Constant for the first half, then linear decay to zero (the pix2pix/CycleGAN "linear" policy).</summary>
    LinearDecay,
}

/// <summary>
/// The learning rate as a pure function of the step. Nothing about it needs saving, so a resumed run continues the
/// schedule exactly; keeping scheduler state in an object was the resume bug reported against CycleGAN's trainer.
/// </summary>
public sealed record LearningRateSchedule(LearningRateShape Shape, double BaseRate, long TotalSteps)
{
    /// <summary>The rate for optimisation step <paramref name="step"/> (0-based).</summary>
    public double At(long step)
    {
        var progress = TotalSteps <= 1 ? 0.0 : Math.Clamp((double)step / (TotalSteps - 1), 0.0, 1.0);
        return Shape switch
        {
            LearningRateShape.Constant => BaseRate,
            LearningRateShape.Cosine => BaseRate * (0.01 + (0.99 * 0.5 * (1 + Math.Cos(Math.PI * progress)))),
            LearningRateShape.LinearDecay => progress < 0.5 ? BaseRate : BaseRate * (1 - progress) * 2,
            _ => throw new ArgumentOutOfRangeException(nameof(Shape), Shape, "Unknown learning-rate shape."),
        };
    }
}
