namespace Pipeline.Application.Settings;

/// <summary>--device, --threads and --seed, shared by everything that runs a model.</summary>
public static class RuntimeSettings
{
    /// <summary>--device: cpu or cuda[:N].</summary>
    public static Setting<string> Device { get; } = new("--device", "cpu or cuda[:N]; cuda falls back to cpu with a warning when CUDA is unavailable") { Default = "cpu" };

    /// <summary>--threads: libtorch's intra-op threads.</summary>
    public static Setting<int> Threads { get; } = new("--threads", "libtorch intra-op threads (0: one per core)") { Default = 0 };

    /// <summary>--seed.</summary>
    public static Setting<int> Seed { get; } = new("--seed", "random seed: same seed, same numbers") { Default = 0 };

    /// <summary>The three, in this order.</summary>
    public static IReadOnlyList<Setting> All { get; } = [Device, Threads, Seed];
}
