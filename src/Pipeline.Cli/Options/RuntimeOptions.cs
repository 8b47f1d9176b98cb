using System.Globalization;
using Pipeline.Application.Settings;
using Pipeline.MLNet;
using Pipeline.Models.Runtime;
using Pipeline.Training.Devices;
using static TorchSharp.torch;

namespace Pipeline.Cli.Options;

/// <summary>--device, --threads and --seed (<see cref="RuntimeSettings"/>), shared by every command that runs a model.</summary>
internal static class RuntimeOptions
{
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

/// <summary>
/// --device for verbs that run exported models in ONNX Runtime: <c>cuda[:N]</c> asks Pipeline.MLNet for GPU N, which
/// falls back to the CPU with one warning when this build's ONNX Runtime (the CPU package unless built with
/// -p:OnnxRuntimeAccelerator=cuda) or the machine cannot run CUDA. Read without libtorch, unlike <see cref="RuntimeOptions.Apply"/>.
/// </summary>
internal static class OnnxDevice
{
    /// <summary>ONNX Runtime options for <paramref name="device"/> ("cpu", "cuda" or "cuda:N"), warnings through <paramref name="warn"/>.</summary>
    public static OnnxRuntimeOptions Options(string device, Action<string> warn)
    {
        var name = device.Trim().ToLowerInvariant();
        int? gpu = name switch
        {
            "cpu" => null,
            "cuda" => 0,
            _ when name.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(name["cuda:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var index) => index,
            _ => throw new CliError($"--device must be 'cpu' or 'cuda[:index]', got '{device}'."),
        };
        return OnnxRuntimeOptions.Default with { GpuDeviceId = gpu, Warn = gpu is null ? null : message => warn($"--device {device}: {message}") };
    }
}
