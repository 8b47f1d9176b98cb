using System.Text.RegularExpressions;
using Pipeline.Reports.Tests;

namespace Pipeline.Cli.Tests.Translation;

/// <summary>Opens a run page in headless chromium and reports, for every image it references, whether the browser decoded it.</summary>
internal static class TranslationPageCheck
{
    /// <summary>
    /// A copy of the page with a script that, once the page has loaded, writes each image's decoded width into the DOM;
    /// chromium's --dump-dom serialises the DOM after the load event, so the widths are what the browser saw.
    /// </summary>
    public static int[] DecodedWidths(string page, string profile)
    {
        var probe = Path.Combine(Path.GetDirectoryName(page)!, "probe.html");
        const string Script = "<script>window.addEventListener('load', () => document.body.setAttribute('data-widths', [...document.images].map(i => i.complete ? i.naturalWidth : -1).join(',')));</script>";
        File.WriteAllText(probe, File.ReadAllText(page).Replace("</body>", Script + "</body>"));
        var dom = Chromium.DumpDom(probe, profile);
        var widths = Regex.Match(dom, "data-widths=\"([^\"]*)\"");
        Assert.True(widths.Success, "the probe script did not run in chromium");
        return widths.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
    }
}
