using Pipeline.Application.Settings;
using Pipeline.Models.Runtime;
using Pipeline.Training.Devices;
using static TorchSharp.torch;

namespace Pipeline.Cli.Options;

/// <summary>--device, --threads and --seed (<see cref="RuntimeSettings"/>), shared by every command that runs a model.</summary>
internal static class RuntimeOptions
{
    public static void AddTo(Command command)
    {
        foreach (var option in RuntimeSettings.All.ToOptions())
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Applies --threads and resolves --device (warning on fallback).</summary>
    public static Device Apply(ISettingValues values)
    {
        var threads = values.Get(RuntimeSettings.Threads);
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
            return ComputeDevice.Resolve(values.Get(RuntimeSettings.Device), Terminal.Warn);
        }
        catch (ArgumentException ex)
        {
            throw new CliError(ex.Message);
        }
    }
}
