using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Pipeline.Models.Runtime;

/// <summary>
/// Guards training against libtorch's oneDNN convolution kernels where they compute wrong gradients. On the AMD EPYC
/// (AVX-512) machines this project is built on, libtorch 2.10's oneDNN path returns wrong, run-to-run different and
/// sometimes NaN input gradients for small convolutions (and wrong <c>conv_transpose2d</c> outputs), while its own
/// non-oneDNN kernels agree with a direct sum. The check below compares both paths once per process and turns oneDNN
/// off when they disagree. <c>PIPELINE_ONEDNN=on|off</c> overrides the check.
/// </summary>
/// <remarks>
/// The check runs when this assembly loads, unless the process sets the AppContext switch
/// <c>Pipeline.Models.DeferConvolutionCheck</c>: then it runs at <see cref="EnsureChecked"/>, which the training loop
/// and the loaders of trained runs call. A process that only reads options records (the CLI building its command
/// tree before a verb on an exported model) must not load libtorch for a check it never needs.
/// </remarks>
public static class ConvolutionKernels
{
    private const string OverrideVariable = "PIPELINE_ONEDNN";

    /// <summary>The AppContext switch that moves the check from assembly load to <see cref="EnsureChecked"/>.</summary>
    public const string DeferSwitch = "Pipeline.Models.DeferConvolutionCheck";

    // The shapes that went wrong on the affected machines: few channels, 3x3 and 9x9 kernels.
    private static readonly (int In, int Out, int Kernel, int Size)[] s_probes = [(8, 8, 3, 28), (8, 1, 9, 28), (1, 8, 9, 7), (8, 8, 3, 7)];

    private static readonly Lazy<string> s_status = new(Decide);

    /// <summary>What was decided and why, for logs: "oneDNN on (...)" or "oneDNN off (...)".</summary>
    public static string Status => s_status.Value;

    /// <summary>Whether libtorch's oneDNN kernels are in use.</summary>
    public static bool OneDnnEnabled => Status.StartsWith("oneDNN on", StringComparison.Ordinal);

    /// <summary>Runs the check once (later calls return at once). Call it before the first convolution of a process that defers it.</summary>
    public static void EnsureChecked() => _ = s_status.Value;

    /// <summary>Runs the check when this assembly loads, so every user of the project's modules is covered, unless <see cref="DeferSwitch"/> is set.</summary>
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "Every training and test path loads this assembly before its first convolution; one check here covers them all.")]
    internal static void CheckOnLoad()
    {
        if (!(AppContext.TryGetSwitch(DeferSwitch, out var deferred) && deferred))
        {
            EnsureChecked();
        }
    }

    private static string Decide()
    {
        var context = GlobalContext.TryOpen();
        if (context is null)
        {
            return "oneDNN on (this libtorch does not expose its switch; not checked)";
        }

        var forced = Environment.GetEnvironmentVariable(OverrideVariable)?.Trim().ToLowerInvariant();
        if (forced is "on" or "off")
        {
            context.SetOneDnn(forced == "on");
            return $"oneDNN {forced} ({OverrideVariable}={forced})";
        }

        var mismatch = FirstMismatch(context);
        context.SetOneDnn(mismatch is null);
        return mismatch is null
            ? "oneDNN on (its convolutions agree with libtorch's reference kernels)"
            : $"oneDNN off (its transposed convolution {mismatch} disagrees with libtorch's reference kernels on this CPU; {OverrideVariable}=on forces it)";
    }

    private static string? FirstMismatch(GlobalContext context)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var generator = new TorchSharp.torch.Generator(20261201);
        foreach (var (inChannels, outChannels, kernel, size) in s_probes)
        {
            // conv_transpose2d is the input gradient of conv2d: the kernel that went wrong.
            var gradient = rand([4, outChannels, size, size], generator: generator);
            var weight = rand([outChannels, inChannels, kernel, kernel], generator: generator) - 0.5;
            var padding = new long[] { kernel / 2, kernel / 2 };
            context.SetOneDnn(false);
            var reference = nn.functional.conv_transpose2d(gradient, weight, padding: padding);
            context.SetOneDnn(true);
            for (var repeat = 0; repeat < 3; repeat++)
            {
                var candidate = nn.functional.conv_transpose2d(gradient, weight, padding: padding);
                if (!candidate.allclose(reference, rtol: 1e-3, atol: 1e-3))
                {
                    return $"{outChannels}→{inChannels} {kernel}x{kernel} on {size}x{size}";
                }
            }
        }

        return null;
    }

    /// <summary>libtorch's <c>at::globalContext()</c>, reached through its exported C++ symbols (TorchSharp has no binding for the oneDNN switch).</summary>
    private sealed class GlobalContext
    {
        private readonly IntPtr _context;
        private readonly SetFlag _setUserEnabledMkldnn;

        private GlobalContext(IntPtr context, SetFlag setUserEnabledMkldnn)
        {
            _context = context;
            _setUserEnabledMkldnn = setUserEnabledMkldnn;
        }

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate IntPtr GetContext();

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate void SetFlag(IntPtr context, byte enabled);

        public static GlobalContext? TryOpen()
        {
            _ = zeros(1); // loads libtorch through TorchSharp's own resolver first
            if (!NativeLibrary.TryLoad("libtorch_cpu.so", typeof(TorchSharp.torch).Assembly, null, out var library)
                && !NativeLibrary.TryLoad("torch_cpu", typeof(TorchSharp.torch).Assembly, null, out library))
            {
                return null;
            }

            // Itanium C++ ABI names of at::globalContext() and at::Context::setUserEnabledMkldnn(bool).
            if (!NativeLibrary.TryGetExport(library, "_ZN2at13globalContextEv", out var getContext)
                || !NativeLibrary.TryGetExport(library, "_ZN2at7Context20setUserEnabledMkldnnEb", out var setFlag))
            {
                return null;
            }

            var context = Marshal.GetDelegateForFunctionPointer<GetContext>(getContext)();
            return new GlobalContext(context, Marshal.GetDelegateForFunctionPointer<SetFlag>(setFlag));
        }

        public void SetOneDnn(bool enabled) => _setUserEnabledMkldnn(_context, enabled ? (byte)1 : (byte)0);
    }
}
