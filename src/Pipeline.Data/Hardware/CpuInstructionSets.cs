using System.Runtime.InteropServices;

namespace Pipeline.Data.Hardware;

/// <summary>
/// What this CPU computes natively, read from the kernel's CPU flags. Machines of one kind differ from day to day
/// (AVX2 only, or AVX-512 with BF16), and whether bf16 arithmetic is fast or an 18x slowdown depends on it: every
/// choice of precision and every reported speed names these.
/// </summary>
public sealed class CpuInstructionSets
{
    private static readonly Lazy<CpuInstructionSets> Current = new(() => Read("/proc/cpuinfo"));

    // Flag names as Linux spells them, and as a person reads them in a report.
    private static readonly (string Flag, string Name)[] Reported =
    [
        ("avx2", "AVX2"), ("fma", "FMA"), ("avx512f", "AVX-512"), ("avx512_vnni", "AVX512-VNNI"),
        ("avx512_bf16", "AVX512-BF16"), ("amx_bf16", "AMX-BF16"), ("amx_tile", "AMX"),
    ];

    private CpuInstructionSets(string model, IReadOnlySet<string> flags)
    {
        Model = model;
        Flags = flags;
    }

    /// <summary>The CPU this process runs on (flags empty where the OS does not publish them).</summary>
    public static CpuInstructionSets Host => Current.Value;

    /// <summary>The CPU's model name, or the architecture where it is not published.</summary>
    public string Model { get; }

    /// <summary>The kernel's flag names (lower case, e.g. <c>avx512_bf16</c>).</summary>
    public IReadOnlySet<string> Flags { get; }

    /// <summary>Whether the CPU has bf16 dot-product instructions (AVX512-BF16 or AMX-BF16), which oneDNN's bf16 kernels need to beat fp32.</summary>
    public bool HasNativeBf16 => Flags.Contains("avx512_bf16") || Flags.Contains("amx_bf16");

    /// <summary>The instruction sets that matter for our kernels, e.g. "AVX2 FMA AVX-512 AVX512-BF16"; "unknown" without flags.</summary>
    public string Summary
    {
        get
        {
            var names = Reported.Where(r => Flags.Contains(r.Flag)).Select(r => r.Name).ToArray();
            return Flags.Count == 0 ? "instruction sets unknown" : names.Length == 0 ? "no AVX2" : string.Join(' ', names);
        }
    }

    /// <summary>One line for reports: model, logical cores and instruction sets.</summary>
    public string Describe() => $"{Model}, {Environment.ProcessorCount} logical cores, {Summary}";

    /// <summary>Parses a file in /proc/cpuinfo's format (the first processor's model name and flags); no file, no flags.</summary>
    public static CpuInstructionSets Read(string path)
    {
        string? model = null;
        string? flags = null;
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                var colon = line.IndexOf(':');
                if (colon < 0)
                {
                    continue;
                }

                var key = line[..colon].Trim();
                model ??= key == "model name" ? line[(colon + 1)..].Trim() : null;
                flags ??= key == "flags" ? line[(colon + 1)..] : null;
                if (model is not null && flags is not null)
                {
                    break;
                }
            }
        }

        var set = (flags ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        return new CpuInstructionSets(model ?? RuntimeInformation.ProcessArchitecture.ToString(), set);
    }
}
