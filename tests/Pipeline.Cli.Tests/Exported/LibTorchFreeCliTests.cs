using System.Diagnostics;

namespace Pipeline.Cli.Tests.Exported;

/// <summary>
/// Verbs on exported models and <c>optimize</c> never load libtorch (~600 MB, and seconds of start-up): the real CLI
/// runs as a child process with glibc's loader log on, and the log must not name libtorch_cpu.
/// </summary>
public sealed class LibTorchFreeCliTests
{
    private static readonly string s_onnx = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "onnx"));

    [LinuxTheory]
    [InlineData("inspect", "vae-lecture/decoder.onnx")]
    [InlineData("optimize", "vae-lecture/decoder.onnx")]
    [InlineData("sample", "cgan-fashion28")]
    public async Task A_verb_on_an_exported_model_does_not_load_libtorch(string verb, string model)
    {
        // Given: the CLI started as a user starts it, its dynamic loader logging every library to files in a folder.
        using var folder = new TempDirectory();
        string[] output = verb switch
        {
            "optimize" => ["--out", folder.File("optimized.onnx")],
            "sample" => ["--count", "2", "--out", folder.File("samples.png")],
            _ => [],
        };
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["LD_DEBUG"] = "libs";
        start.Environment["LD_DEBUG_OUTPUT"] = folder.File("loader");
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "pipeline.dll"), verb, Path.Combine(s_onnx, model), .. output])
        {
            start.ArgumentList.Add(arg);
        }

        // When
        using var cli = Process.Start(start)!;
        var (stdout, stderr) = (cli.StandardOutput.ReadToEndAsync(), cli.StandardError.ReadToEndAsync());
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await cli.WaitForExitAsync(patience.Token);

        // Then: the verb worked, the log saw the runtime's own libraries, and libtorch was never opened.
        var text = await stdout + await stderr;
        Assert.True(cli.ExitCode == 0, text);
        var log = string.Concat(Directory.GetFiles(folder.Path, "loader.*").Select(File.ReadAllText));
        Assert.Contains("libcoreclr.so", log);
        Assert.DoesNotContain("libtorch_cpu", log);
    }

    /// <summary>The loader log (LD_DEBUG) is glibc's: elsewhere the test is skipped, not passed.</summary>
    private sealed class LinuxTheoryAttribute : TheoryAttribute
    {
        public LinuxTheoryAttribute()
        {
            if (!OperatingSystem.IsLinux())
            {
                Skip = "needs glibc's loader log (LD_DEBUG)";
            }
        }
    }
}
