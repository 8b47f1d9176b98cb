namespace Pipeline.Training.Devices;

/// <summary>Turns the user's <c>--device</c> and <c>--threads</c> into a TorchSharp device, falling back to the CPU when CUDA is absent.</summary>
public static class ComputeDevice
{
    /// <summary>
    /// "cpu" or "cuda[:N]". A CUDA request on a machine (or a CPU build of libtorch) without CUDA returns the CPU and
    /// reports why through <paramref name="warn"/>, so a script written for a GPU box still runs everywhere.
    /// </summary>
    public static Device Resolve(string requested, Action<string> warn)
    {
        var name = requested.Trim().ToLowerInvariant();
        if (name == "cpu")
        {
            return CPU;
        }

        if (name == "cuda" || name.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (cuda.is_available())
            {
                return new Device(name);
            }

            warn($"--device {requested}: CUDA is not available to libtorch here (no GPU, or a CPU build of libtorch: build with -p:TorchAccelerator=cuda); using the CPU.");
            return CPU;
        }

        throw new ArgumentException($"--device must be 'cpu' or 'cuda[:index]', got '{requested}'.", nameof(requested));
    }

    /// <summary>Sets libtorch's intra-op thread count; 0 or less keeps libtorch's default (one per core).</summary>
    public static void SetThreads(int threads)
    {
        if (threads > 0)
        {
            set_num_threads(threads);
        }
    }
}
