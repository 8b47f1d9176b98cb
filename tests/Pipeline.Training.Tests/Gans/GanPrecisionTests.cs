using Pipeline.Data.Hardware;
using Pipeline.Training.Gans;

namespace Pipeline.Training.Tests.Gans;

public sealed class GanPrecisionTests
{
    [Fact]
    public void Auto_is_fp32_on_a_cpu_without_bf16_instructions()
    {
        var cpu = Cpu("fpu sse2 avx fma avx2 avx512f avx512bw");

        Assert.Equal(GanPrecision.Fp32, GanPrecision.Auto.Resolve(cpu));
    }

    [Theory]
    [InlineData("avx2 avx512f avx512_bf16")]
    [InlineData("avx2 amx_tile amx_bf16")]
    public void Auto_is_bf16_where_the_cpu_computes_it(string flags)
    {
        Assert.Equal(GanPrecision.Bf16, GanPrecision.Auto.Resolve(Cpu(flags)));
    }

    [Fact]
    public void An_explicit_choice_is_kept_whatever_the_cpu()
    {
        var avx2 = Cpu("avx2 fma");

        Assert.Equal(GanPrecision.Bf16, GanPrecision.Bf16.Resolve(avx2));
        Assert.Equal(GanPrecision.Fp32, GanPrecision.Fp32.Resolve(Cpu("avx512_bf16")));
    }

    [Fact]
    public void Explicit_bf16_on_this_host_warns_only_without_bf16_instructions()
    {
        var warnings = new List<string>();

        var chosen = GanPrecision.Bf16.ResolveForHost(warnings.Add);

        Assert.Equal(GanPrecision.Bf16, chosen);
        if (CpuInstructionSets.Host.HasNativeBf16)
        {
            Assert.Empty(warnings);
        }
        else
        {
            var warning = Assert.Single(warnings);
            Assert.Contains("without bf16 instructions", warning);
            Assert.Contains("--precision auto picks fp32", warning);
        }
    }

    private static CpuInstructionSets Cpu(string flags)
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, $"processor\t: 0\nmodel name\t: test CPU\nflags\t\t: {flags}\n");
        return CpuInstructionSets.Read(path);
    }
}
