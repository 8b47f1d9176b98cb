using Pipeline.Models.Vae;

namespace Pipeline.Training.Vae;

/// <summary>Everything needed to rebuild, resume or evaluate a VAE run: written as the run's config.json.</summary>
public sealed record VaeRunConfig(VaeOptions Model, VaeTrainingOptions Training, DataSource Data, string Device = "cpu", int Threads = 0)
{
    /// <summary>The run and checkpoint kind of VAE runs.</summary>
    public const string RunKind = "vae";

    /// <summary>Written to config.json so that commands can tell VAE runs from others (<see cref="RunKinds"/>).</summary>
    public string Kind => RunKind;
}
