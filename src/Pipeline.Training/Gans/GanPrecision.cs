using System.Text.Json.Serialization;
using static TorchSharp.torch;

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
    /// oneDNN runs with AVX-512 BF16 instructions where the CPU has them (about twice the fp32 rate).
    /// </summary>
    Bf16,
}

/// <summary>The libtorch element type of a <see cref="GanPrecision"/>.</summary>
public static class GanPrecisionExtensions
{
    /// <summary>Float32 or BFloat16.</summary>
    public static ScalarType ComputeType(this GanPrecision precision) =>
        precision == GanPrecision.Bf16 ? ScalarType.BFloat16 : ScalarType.Float32;
}
