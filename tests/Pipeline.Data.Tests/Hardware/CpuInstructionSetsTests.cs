using Pipeline.Data.Hardware;

namespace Pipeline.Data.Tests.Hardware;

public sealed class CpuInstructionSetsTests
{
    private const string Avx2Epyc = """
        processor	: 0
        vendor_id	: AuthenticAMD
        model name	: AMD EPYC 7B13
        flags		: fpu vme sse sse2 avx fma avx2 bmi2

        processor	: 1
        model name	: AMD EPYC 7B13
        flags		: fpu vme sse sse2 avx fma avx2 bmi2
        """;

    private const string Bf16Epyc = """
        processor	: 0
        model name	: AMD EPYC 9R14
        flags		: fpu sse2 avx fma avx2 avx512f avx512dq avx512_vnni avx512_bf16 avx512_vbmi2
        """;

    [Fact]
    public void Reads_the_model_and_flags_of_an_avx2_only_cpu()
    {
        var cpu = CpuInstructionSets.Read(Write(Avx2Epyc));

        Assert.Equal("AMD EPYC 7B13", cpu.Model);
        Assert.False(cpu.HasNativeBf16);
        Assert.Equal("AVX2 FMA", cpu.Summary);
    }

    [Fact]
    public void Sees_bf16_instructions_where_the_kernel_lists_them()
    {
        var cpu = CpuInstructionSets.Read(Write(Bf16Epyc));

        Assert.True(cpu.HasNativeBf16);
        Assert.Equal("AVX2 FMA AVX-512 AVX512-VNNI AVX512-BF16", cpu.Summary);
        Assert.Contains("AMD EPYC 9R14", cpu.Describe());
    }

    [Fact]
    public void Without_a_flags_file_claims_nothing()
    {
        var cpu = CpuInstructionSets.Read(Path.Combine(Path.GetTempPath(), $"no-cpuinfo-{Guid.NewGuid():N}"));

        Assert.False(cpu.HasNativeBf16);
        Assert.Equal("instruction sets unknown", cpu.Summary);
    }

    internal static string Write(string text)
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, text);
        return path;
    }
}
