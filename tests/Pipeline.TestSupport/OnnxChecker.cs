using System.Diagnostics;

namespace Pipeline.TestSupport;

/// <summary>
/// Runs the ONNX project's own checker (Debian's python3-onnx 1.12, full_check with shape inference) over exported
/// files. One Python process serves every test, because importing onnx costs about a second.
/// </summary>
public static class OnnxChecker
{
    // onnx 1.12 knows opsets up to 17; newer files can only be checked by ONNX Runtime.
    public const int MaxCheckableOpset = 17;

    private const string Python = "/usr/bin/python3";

    private const string Script = """
        import sys, onnx
        for line in sys.stdin:
            path = line.strip()
            try:
                onnx.checker.check_model(onnx.load(path), full_check=True)
                print("OK", flush=True)
            except Exception as e:
                print("FAIL " + repr(e).replace("\n", " "), flush=True)
        """;

    private static readonly Lazy<Process> Server = new(Start);
    private static readonly object Gate = new();

    /// <summary>Fails the test with the checker's message unless the file passes.</summary>
    public static void AssertValid(string path)
    {
        string? verdict;
        lock (Gate)
        {
            var server = Server.Value;
            server.StandardInput.WriteLine(path);
            server.StandardInput.Flush();
            verdict = server.StandardOutput.ReadLine();
        }

        Assert.True(verdict == "OK", $"ONNX checker rejected {path}: {verdict ?? Server.Value.StandardError.ReadToEnd()}");
    }

    private static Process Start()
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python}.");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            process.StandardInput.Close();
            process.WaitForExit(5000);
        };
        return process;
    }
}
