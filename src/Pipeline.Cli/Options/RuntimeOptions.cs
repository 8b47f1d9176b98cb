using Pipeline.Models.Runtime;
using Pipeline.Training.Devices;
using static TorchSharp.torch;

namespace Pipeline.Cli.Options;

/// <summary>--device, --threads and --seed, shared by every command that runs a model.</summary>
internal sealed class RuntimeOptions
{
    public Option<string> Device { get; } = new("--device") { Description = "cpu or cuda[:N]; cuda falls back to cpu with a warning when CUDA is unavailable", DefaultValueFactory = _ => "cpu" };

    public Option<int> Threads { get; } = new("--threads") { Description = "libtorch intra-op threads (0: one per core)", DefaultValueFactory = _ => 0 };

    public Option<int> Seed { get; } = new("--seed") { Description = "random seed: same seed, same numbers", DefaultValueFactory = _ => 0 };

    public void AddTo(Command command)
    {
        command.Options.Add(Device);
        command.Options.Add(Threads);
        command.Options.Add(Seed);
    }

    /// <summary>Applies --threads and resolves --device (warning on fallback).</summary>
    public Device Apply(ParseResult result)
    {
        var threads = result.GetValue(Threads);
        if (threads < 0)
        {
            throw new CliError($"--threads must be 0 or more, got {threads}.");
        }

        ComputeDevice.SetThreads(threads);
        NativeHeap.RetainFreedMemory();
        if (!ConvolutionKernels.OneDnnEnabled)
        {
            Terminal.Warn(ConvolutionKernels.Status);
        }

        try
        {
            return ComputeDevice.Resolve(result.GetValue(Device)!, Terminal.Warn);
        }
        catch (ArgumentException ex)
        {
            throw new CliError(ex.Message);
        }
    }
}
