using System.Diagnostics;
using System.Text.Json;

namespace Pipeline.Cli.Tests.Adoption;

/// <summary>
/// Reference generators exported by PyTorch itself (Debian's python3-torch, <c>torch.onnx.export</c>, seeded weights):
/// tests/fixtures/pytorch/export_reference_models.py, run once per test run into a temporary folder (about 8 s).
/// </summary>
public sealed class PyTorchExports : IDisposable
{
    private readonly TempDirectory _folder = new();

    public PyTorchExports()
    {
        var script = Path.GetFullPath(CommittedExports.File("..", "tests", "fixtures", "pytorch", "export_reference_models.py"));
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-I", script, _folder.Path])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{script} failed (is python3-torch installed? scripts/install-deps.sh --tests): {errors.Result}");
    }

    /// <summary>The exported file of a model, e.g. "cyclegan_resnet".</summary>
    public string Onnx(string name) => _folder.File($"{name}.onnx");

    /// <summary>The input PyTorch ran and the output it gave, with their shapes.</summary>
    public (float[] Input, int[] InputShape, float[] Output, int[] OutputShape) Reference(string name)
    {
        var shapes = JsonSerializer.Deserialize<Dictionary<string, int[]>>(File.ReadAllText(_folder.File($"{name}.json")))!;
        return (Floats(_folder.File($"{name}.input.bin")), shapes["input"], Floats(_folder.File($"{name}.output.bin")), shapes["output"]);
    }

    public void Dispose() => _folder.Dispose();

    private static float[] Floats(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var values = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }
}
