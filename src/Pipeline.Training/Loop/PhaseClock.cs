using System.Diagnostics;

namespace Pipeline.Training.Loop;

/// <summary>What the loop spends time on besides its steps; see <see cref="TrainingTimes"/>.</summary>
internal enum LoopPhase
{
    FirstStep,
    Steps,
    Metrics,
    Samples,
    Checkpoints,
    Progress,
}

/// <summary>Accumulates one training call's wall time by <see cref="LoopPhase"/> into a <see cref="TrainingTimes"/>.</summary>
internal sealed class PhaseClock
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly double[] _seconds = new double[Enum.GetValues<LoopPhase>().Length];
    private readonly double? _dataAtStart;
    private long _steps;
    private long _images;
    private long _firstStepImages;

    public PhaseClock(double? dataSecondsAtStart)
    {
        _dataAtStart = dataSecondsAtStart;
    }

    /// <summary>A timestamp to pass to <see cref="Add"/> when the phase ends.</summary>
    public static long Now() => Stopwatch.GetTimestamp();

    /// <summary>Adds the time since <paramref name="since"/> to <paramref name="phase"/>.</summary>
    public void Add(LoopPhase phase, long since) => _seconds[(int)phase] += Stopwatch.GetElapsedTime(since).TotalSeconds;

    /// <summary>Counts a step of <paramref name="images"/> images that began at <paramref name="since"/>.</summary>
    public void AddStep(int images, long since)
    {
        var first = _steps == 0;
        Add(first ? LoopPhase.FirstStep : LoopPhase.Steps, since);
        _steps++;
        _images += images;
        _firstStepImages = first ? images : _firstStepImages;
    }

    /// <summary>The times so far, given the recipe's cumulative batch-waiting seconds now.</summary>
    public TrainingTimes Read(double? dataSecondsNow) => new(
        _steps, _images, _firstStepImages, PrepareSeconds: 0, _seconds[(int)LoopPhase.FirstStep], _seconds[(int)LoopPhase.Steps],
        DataSeconds: dataSecondsNow - _dataAtStart, _seconds[(int)LoopPhase.Metrics], _seconds[(int)LoopPhase.Samples],
        _seconds[(int)LoopPhase.Checkpoints], _seconds[(int)LoopPhase.Progress], Stopwatch.GetElapsedTime(_start).TotalSeconds);
}
