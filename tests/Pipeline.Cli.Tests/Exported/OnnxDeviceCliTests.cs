using System.Text.RegularExpressions;
using Pipeline.Cli.Tests.Cluster;

namespace Pipeline.Cli.Tests.Exported;

/// <summary>
/// <c>--device</c> on a verb that runs an exported model in ONNX Runtime. The tests are built with the CPU package, so
/// CUDA is never available here: a GPU request runs on the CPU with one warning saying which build switch brings CUDA
/// (the GPU build's missing-library warning is tested in Pipeline.MLNet.Accelerator.Tests).
/// </summary>
// The CLI writes through Spectre.Console's shared console: run with the other CLI tests, one at a time.
[Collection(nameof(CliSmokeTests))]
public sealed class OnnxDeviceCliTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private static string Cgan => Path.Combine(ClusterCliTestsRepository.Root, "onnx", "cgan-fashion28");

    [Fact]
    public void Sampling_an_export_on_cuda_runs_on_the_cpu_with_one_warning_naming_the_switch()
    {
        var output = _temp.File("samples.png");

        var (code, text) = CliOutput.Run(["sample", Cgan, "--device", "cuda", "--count", "4", "--out", output]);

        Assert.Equal(0, code);
        Assert.True(File.Exists(output));
        Assert.Single(Regex.Matches(text, "warning:"));
        Assert.Contains("warning: --device cuda: ", text, StringComparison.Ordinal);
        Assert.Contains("running on the CPU", text, StringComparison.Ordinal);
        Assert.Contains("-p:OnnxRuntimeAccelerator=cuda", text, StringComparison.Ordinal);
        Assert.Contains("through ML.NET (CPU)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_device_is_refused_by_name()
    {
        var (code, text) = CliOutput.Run(["sample", Cgan, "--device", "gpu", "--count", "1", "--out", _temp.File("never.png")]);

        Assert.NotEqual(0, code);
        Assert.Contains("--device must be 'cpu' or 'cuda[:index]', got 'gpu'", text, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
