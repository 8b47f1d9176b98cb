using System.Globalization;
using System.Text.Json.Serialization;
using Pipeline.Data.Hardware;
using Pipeline.Training.Devices;

namespace Pipeline.Training.Gans;

/// <summary>
/// The arithmetic of a GAN's convolutions while training. Weights, optimiser state, losses, checkpoints, sampling and
/// export are fp32 either way; run configs written before this option existed read as <see cref="Fp32"/>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<GanPrecision>))]
public enum GanPrecision
{
    /// <summary>Everything in fp32 (the default).</summary>
    Fp32,

    /// <summary>
    /// Mixed precision: G's and D's convolutions in bfloat16 on fp32 master weights (Kalamkar et al. 2019), which
    /// oneDNN runs with AVX-512 BF16 instructions where the CPU has them. On an EPYC with avx512_bf16 (1 thread,
    /// batch 128) D's conv trunk ran forward + backward 1.7–2.1x faster than in fp32 and the fashion28 step 1.4–1.5x;
    /// losses over 200 steps agreed with fp32 within their step-to-step noise.
    /// </summary>
    Bf16,

    /// <summary>
    /// bf16 where the CPU has bf16 instructions (<see cref="CpuInstructionSets.HasNativeBf16"/>: AVX512-BF16 or
    /// AMX-BF16, read from the kernel's CPU flags so that the choice is the same on every run of one machine), fp32
    /// elsewhere: without them oneDNN emulates bf16 and the step is an order of magnitude slower. The CLI's default;
    /// a run records what it resolved to.
    /// </summary>
    Auto,
}

/// <summary>The libtorch element type of a <see cref="GanPrecision"/>.</summary>
public static class GanPrecisionExtensions
{
    /// <summary>Float32 or BFloat16 (<see cref="GanPrecision.Auto"/> as <see cref="Resolve"/> chooses).</summary>
    public static ScalarType ComputeType(this GanPrecision precision) =>
        precision.Resolve(CpuInstructionSets.Host) == GanPrecision.Bf16 ? ScalarType.BFloat16 : ScalarType.Float32;

    /// <summary><see cref="GanPrecision.Auto"/> as the CPU <paramref name="cpu"/> decides it; the others as they are.</summary>
    public static GanPrecision Resolve(this GanPrecision precision, CpuInstructionSets cpu) =>
        precision != GanPrecision.Auto ? precision : cpu.HasNativeBf16 ? GanPrecision.Bf16 : GanPrecision.Fp32;

    /// <summary>
    /// Resolves a user's choice for this machine, and warns once through <paramref name="warn"/> when bf16 was asked
    /// for on a CPU without bf16 instructions, quoting the slowdown measured here.
    /// </summary>
    public static GanPrecision ResolveForHost(this GanPrecision requested, Action<string> warn)
    {
        var cpu = CpuInstructionSets.Host;
        if (requested == GanPrecision.Bf16 && !cpu.HasNativeBf16)
        {
            var speedup = Bf16Speed.SpeedupOverFp32();
            var measured = speedup < 1
                ? string.Create(CultureInfo.InvariantCulture, $"bf16 matrix products ran {1 / speedup:0.#}x slower than fp32 here")
                : string.Create(CultureInfo.InvariantCulture, $"bf16 matrix products ran {speedup:0.##}x the speed of fp32 here");
            warn($"--precision bf16 on a CPU without bf16 instructions ({cpu.Summary}): {measured}; --precision auto picks fp32 on this CPU.");
        }

        return requested.Resolve(cpu);
    }
}
