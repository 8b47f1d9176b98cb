namespace Pipeline.Cli.Tests;

// The CLI writes through Spectre.Console's shared console: one at a time with the other CLI tests.
[Collection(nameof(CliSmokeTests))]
public sealed class RunLockCliTests
{
    private static readonly string[] Tiny = ["--steps", "2", "--batch-size", "32", "--train-limit", "64", "--test-limit", "16", "--threads", "1"];

    [Fact]
    public void Train_refuses_a_run_folder_another_live_process_is_writing_and_names_its_pid()
    {
        // Given: a trainer (here a stand-in process) holds the folder's lock.
        using var folder = new TempDirectory();
        var run = folder.File("run");
        using var holder = LockHolders.Live();
        try
        {
            LockHolders.WriteLock(run, holder.Id, holder.StartTime.ToUniversalTime());

            // When
            var (code, text) = CliOutput.Run(["train", "vae", .. Tiny, "--out", run]);

            // Then: refused before anything was written.
            Assert.NotEqual(0, code);
            Assert.Contains($"is being written by process {holder.Id}", text);
            Assert.False(File.Exists(Path.Combine(run, "config.json")));
        }
        finally
        {
            holder.Kill();
        }
    }

    [Fact]
    public void Resume_takes_over_the_lock_of_a_killed_trainer()
    {
        // Given: a run whose trainer was killed, leaving its lock behind.
        using var folder = new TempDirectory();
        var run = folder.File("run");
        Assert.Equal(0, CliOutput.Run(["train", "vae", .. Tiny, "--out", run]).Code);
        LockHolders.WriteLock(run, LockHolders.Dead(), DateTime.UtcNow);

        // When
        var (code, text) = CliOutput.Run(["train", "vae", "--resume", "--out", run]);

        // Then
        Assert.True(code == 0, text);
        Assert.False(File.Exists(Path.Combine(run, "run.lock")));
    }
}
