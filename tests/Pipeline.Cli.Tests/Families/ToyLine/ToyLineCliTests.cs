using Pipeline.Cli.Families;
using Pipeline.Training.Runs;

namespace Pipeline.Cli.Tests.Families.ToyLine;

/// <summary>A family written outside the CLI trains, resumes, refuses bad loop options and exports through the real CLI.</summary>
[Collection(nameof(CliSmokeTests))]
public sealed class ToyLineCliTests
{
    private static FamilyRegistry WithToyLine() => ModelFamilies.Create().Register(new ToyLineFamily());

    [Fact]
    public void A_plugged_in_family_trains_resumes_and_exports_through_the_shared_plumbing()
    {
        // Given
        using var folder = new TempDirectory();
        var run = folder.File("run");

        // When: 20 steps, then the same run resumed to 40, then exported.
        var first = CliOutput.Run(["train", "toyline", "--steps", "20", "--out", run], WithToyLine());
        var config = File.ReadAllText(Path.Combine(run, RunFolder.ConfigFileName));
        File.WriteAllText(Path.Combine(run, RunFolder.ConfigFileName), config.Replace("\"steps\": 20", "\"steps\": 40", StringComparison.Ordinal));
        var resumed = CliOutput.Run(["train", "toyline", "--resume", "--out", run], WithToyLine());
        var exported = CliOutput.Run(["export", run, "--out", folder.File("onnx")], WithToyLine());

        // Then
        Assert.True(first.Code == 0, first.Text);
        Assert.True(resumed.Code == 0, resumed.Text);
        Assert.Contains("resumed", resumed.Text);
        Assert.True(resumed.Text.Contains("at step 20 of 40", StringComparison.Ordinal), resumed.Text);
        Assert.True(exported.Code == 0, $"exit {exported.Code}: {exported.Text}");
        Assert.True(File.Exists(folder.File(Path.Combine("onnx", "line.onnx"))), exported.Text);
        Assert.Equal([10L, 20, 30, 40], new MetricsLog<ToyLineMetrics>(Path.Combine(run, "metrics.jsonl")).ReadAll().Select(m => m.Step));
    }

    [Theory]
    [InlineData("--lr must be a positive number, got -1", "--lr", "-1")]
    [InlineData("--steps must be at least 1, got 0", "--steps", "0")]
    public void The_shared_loop_options_keep_their_guards(string message, params string[] args)
    {
        var (code, text) = CliOutput.Run(["train", "toyline", "--out", "/nonexistent/run", .. args], WithToyLine());

        Assert.Equal(2, code);
        Assert.Contains(message, text);
    }

    [Fact]
    public void Resuming_another_family_s_run_is_refused_by_the_shared_job()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File(RunFolder.ConfigFileName), """{ "kind": "vae" }""");

        var (code, text) = CliOutput.Run(["train", "toyline", "--resume", "--out", folder.Path], WithToyLine());

        Assert.NotEqual(0, code);
        Assert.Contains("is a 'vae' run; this needs a 'toyline' run (made by `train toyline`)", text);
    }
}
