namespace Pipeline.Application.Training;

/// <summary>A training run to start or continue.</summary>
/// <typeparam name="TConfig">The family's run configuration.</typeparam>
/// <param name="Config">The configuration of a new run; a resumed run keeps the one in its folder.</param>
/// <param name="RunPath">The run folder; made by a new run (which must not find one there).</param>
/// <param name="Resume">Continue the run in <paramref name="RunPath"/> from its last checkpoint.</param>
/// <param name="Device">Where libtorch trains, e.g. <c>torch.CPU</c>.</param>
public sealed record TrainingRequest<TConfig>(TConfig Config, string RunPath, bool Resume, Device Device)
    where TConfig : class;
