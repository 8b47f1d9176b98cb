namespace Pipeline.Cli.Tests;

// The CLI writes through Spectre.Console's shared console: one at a time with the other CLI tests.
[Collection(nameof(CliSmokeTests))]
public sealed class RunKindCliTests
{
    [Theory]
    [InlineData("sample")]
    [InlineData("evaluate")]
    [InlineData("export", "--out")]
    public void A_run_whose_config_has_no_kind_is_refused_naming_the_file_never_taken_for_a_vae(string verb, string? outOption = null)
    {
        // Given: a run folder as older versions wrote them, with no "kind".
        using var folder = new TempDirectory();
        var config = folder.File("config.json");
        File.WriteAllText(config, """{ "model": { "latentSize": 20 } }""");

        // When
        string[] output = outOption is null ? [] : [outOption, folder.File("out")];
        var (code, text) = CliOutput.Run([verb, folder.Path, .. output]);

        // Then
        Assert.NotEqual(0, code);
        Assert.Contains($"{config}: no \"kind\" field", text);
    }

    [Fact]
    public void Resuming_a_run_of_another_family_names_both_kinds()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("config.json"), """{ "kind": "vae" }""");

        var (code, text) = CliOutput.Run(["train", "gan", "--resume", "--out", folder.Path]);

        Assert.NotEqual(0, code);
        Assert.Contains("is a 'vae' run; this needs a 'gan' run (made by `train gan` or `train cgan`)", text);
        Assert.False(File.Exists(folder.File("run.lock")));
    }
}
