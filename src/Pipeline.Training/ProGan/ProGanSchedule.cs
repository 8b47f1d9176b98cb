namespace Pipeline.Training.ProGan;

/// <summary>Where a Progressive GAN run is at one step: the growth level (0: 4×4), the fade-in α, and the phase.</summary>
/// <param name="Phase">0 is the 4×4 stage; then odd phases fade a level in and even ones stabilise it.</param>
/// <param name="Level">The level the networks run at.</param>
/// <param name="Size">Its image size, 4·2^level.</param>
/// <param name="Alpha">The fade-in weight of the level's new layers, rising from 0 during a transition; 1 otherwise.</param>
public readonly record struct GrowthStage(int Phase, int Level, int Size, double Alpha)
{
    /// <summary>Whether the level is still fading in.</summary>
    public bool IsFading => Alpha < 1;
}

/// <summary>
/// Progressive growing as a pure function of the step (Karras et al. 2018, §3 and appendix A.1): a 4×4 phase, then per
/// new level a transition, during which α rises linearly from 0 towards 1 as the images shown grow, and a
/// stabilisation at α = 1; after the last level's stabilisation training stays at full size. Each phase shows
/// <see cref="ImagesPerPhase"/> real images (the paper: 800k). Because nothing about the stage is kept between steps,
/// a run resumed mid-transition continues at exactly the level and α it stopped at.
/// </summary>
/// <param name="ImagesPerPhase">Real images shown to the discriminator per phase.</param>
/// <param name="BatchSize">Images per step.</param>
/// <param name="Levels">Levels after 4×4 (3 for 32×32).</param>
public sealed record ProGanSchedule(long ImagesPerPhase, int BatchSize, int Levels)
{
    /// <summary>Steps of each phase: ⌈images per phase / batch⌉.</summary>
    public long StepsPerPhase => (ImagesPerPhase + BatchSize - 1) / BatchSize;

    /// <summary>Phases until the full size is stable: the 4×4 phase and a transition and a stabilisation per level.</summary>
    public int Phases => 1 + (2 * Levels);

    /// <summary>Steps until the last level has been through its stabilisation phase.</summary>
    public long Length => Phases * StepsPerPhase;

    /// <summary>The stage of step <paramref name="step"/> (0-based).</summary>
    public GrowthStage At(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        var phase = (int)Math.Min(step / StepsPerPhase, Phases - 1);
        var level = (phase + 1) / 2;
        var fading = phase % 2 == 1;
        var alpha = fading ? (double)(step - (phase * StepsPerPhase)) / StepsPerPhase : 1.0;
        return new GrowthStage(phase, level, 4 << level, alpha);
    }

    /// <summary>The first step of phase <paramref name="phase"/>.</summary>
    public long StartOf(int phase) => phase * StepsPerPhase;
}
