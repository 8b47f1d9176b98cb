using Pipeline.Models.VqVae2;

namespace Pipeline.Training.VqVae2;

/// <summary>Everything needed to rebuild, resume or evaluate a VQ-VAE-2 run: written as the run's config.json.</summary>
public sealed record VqVae2RunConfig(VqVae2Options Model, VqVae2TrainingOptions Training, DataSource Data, string Device = "cpu", int Threads = 0)
{
    /// <summary>The run and checkpoint kind of VQ-VAE-2 runs.</summary>
    public const string RunKind = "vqvae2";

    /// <summary>Written to config.json so that commands can tell VQ-VAE-2 runs from others (<see cref="RunKinds"/>).</summary>
    public string Kind => RunKind;
}
