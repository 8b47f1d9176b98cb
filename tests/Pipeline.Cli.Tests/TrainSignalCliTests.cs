using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Pipeline.Cli.Tests;

/// <summary>
/// `kill` (SIGTERM) on a training process stops it like Ctrl+C: at a step boundary, with a checkpoint that `--resume`
/// continues from. The trainer runs as a child process, started the way a script starts a background job.
/// </summary>
public sealed class TrainSignalCliTests
{
    private const int SigTerm = 15;

    [Fact]
    public async Task Sigterm_stops_training_at_a_step_boundary_with_a_checkpoint_and_the_resume_command()
    {
        // Given: a VAE training far longer than the test, started as its own process.
        using var folder = new TempDirectory();
        var run = folder.File("run");
        var output = new List<string>();
        var stepping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] args = [Path.Combine(AppContext.BaseDirectory, "pipeline.dll"), "train", "vae", "--epochs", "100000", "--batch-size", "32", "--train-limit", "64", "--test-limit", "16", "--threads", "1", "--out", run];
        args.ToList().ForEach(start.ArgumentList.Add);
        using var trainer = Process.Start(start)!;
        DataReceivedEventHandler collect = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.Add(e.Data);
            }

            if (e.Data.Contains("epoch", StringComparison.Ordinal))
            {
                stepping.TrySetResult();
            }
        };
        trainer.OutputDataReceived += collect;
        trainer.ErrorDataReceived += collect;
        trainer.BeginOutputReadLine();
        trainer.BeginErrorReadLine();
        await Task.WhenAny(stepping.Task, trainer.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(2)));
        Assert.False(trainer.HasExited, "the trainer ended before it was signalled:\n" + string.Join('\n', output));

        // When
        Assert.Equal(0, Kill(trainer.Id, SigTerm));
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await trainer.WaitForExitAsync(patience.Token);

        // Then: it said how to resume, left a checkpoint and released the run folder.
        var text = string.Join('\n', output);
        Assert.Contains("SIGTERM", text);
        Assert.Contains("--resume", text);
        Assert.True(File.Exists(Path.Combine(run, "checkpoints", "last.ckpt")), text);
        Assert.False(File.Exists(Path.Combine(run, "run.lock")), text);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
