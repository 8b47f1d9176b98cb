using System.Net;
using Pipeline.Reports.Tests;

namespace Pipeline.Serving.Tests;

/// <summary>The page at <c>/</c> as a browser shows it.</summary>
public sealed class TryPageTests
{
    [ChromiumFact]
    public async Task Lists_every_model_in_a_browser()
    {
        // Given a running server
        await using var server = await TestServer.StartAsync();
        using var profile = new TempDirectory();

        // When headless chromium opens its page (off the test's thread: the server answers while chromium waits)
        var dom = await Task.Run(() => Chromium.DumpDom(server.Server.Address.AbsoluteUri, profile.Path));

        // Then each model has its heading and the form of its verb
        foreach (var model in server.Server.Models)
        {
            Assert.Contains($"<h2 class=\"model\">{WebUtility.HtmlEncode(model.Name)}</h2>", dom, StringComparison.Ordinal);
        }

        Assert.Contains("data-verb=\"translate\" data-model=\"sneaker2boot-fashion28\"", dom, StringComparison.Ordinal);
        Assert.Contains("data-verb=\"generate\" data-model=\"cgan-fashion28\"", dom, StringComparison.Ordinal);
        Assert.Contains("9 Ankle boot", dom, StringComparison.Ordinal);
    }
}
