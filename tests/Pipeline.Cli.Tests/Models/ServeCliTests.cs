namespace Pipeline.Cli.Tests.Models;

[Collection(nameof(CliSmokeTests))]
public sealed class ServeCliTests
{
    [Theory]
    [InlineData("--port", "70000")]
    [InlineData("--batch-window-ms", "-1")]
    [InlineData("--max-batch", "0")]
    public void Out_of_range_settings_are_refused_before_the_server_starts(string option, string value)
    {
        var (code, text) = CliOutput.Run(["serve", "--models", CommittedExports.File(), option, value]);

        Assert.Equal(2, code);
        Assert.Contains(option, text);
    }
}
