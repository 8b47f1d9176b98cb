using System.Text.RegularExpressions;
using Pipeline.Reports.Gallery;

namespace Pipeline.Reports.Tests.Gallery;

/// <summary>The committed <c>onnx/gallery.json</c> and the pages made from it (<c>docs/gallery.md</c>, <c>docs/gallery.html</c>).</summary>
public sealed partial class CommittedGalleryTests
{
    private static readonly string s_models = CommittedExports.File();
    private static readonly string s_docs = Path.GetFullPath(Path.Combine(s_models, "..", "docs"));

    [Fact]
    public void The_catalog_lists_every_committed_model_folder()
    {
        var listed = GalleryCatalog.Read(s_models).Models.Select(m => m.Folder).Order(StringComparer.Ordinal);
        var committed = Directory.GetDirectories(s_models).Where(d => Directory.GetFiles(d, "*.onnx").Length > 0).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(committed, listed);
    }

    [Fact]
    public void Every_quality_figure_is_the_one_in_the_models_card()
    {
        foreach (var model in GalleryCatalog.Read(s_models).Models)
        {
            var card = File.ReadAllText(Path.Combine(s_models, model.Folder, "MODEL_CARD.md"));
            foreach (var number in model.Quality.SelectMany(q => Number().Matches(q.Value).Select(m => m.Value)))
            {
                // A percentage may stand in the card as a fraction (98.0% as 0.980).
                var fraction = number.EndsWith('%') ? (double.Parse(number.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture) / 100).ToString("F3", System.Globalization.CultureInfo.InvariantCulture) : null;
                Assert.True(card.Contains(number.TrimEnd('%'), StringComparison.Ordinal) || (fraction is not null && card.Contains(fraction, StringComparison.Ordinal)),
                    $"{model.Folder}: the gallery says {number}, its MODEL_CARD.md does not.");
            }
        }
    }

    [Fact]
    public void The_markdown_page_shows_every_model_and_its_links_resolve()
    {
        var page = File.ReadAllText(Path.Combine(s_docs, "gallery.md"));
        foreach (var model in GalleryCatalog.Read(s_models).Models)
        {
            Assert.Contains($"## {model.Title} (`{model.Folder}`)", page);
        }

        var targets = MarkdownLink().Matches(page).Select(m => m.Groups[1].Value).Where(t => !t.StartsWith('#')).ToArray();
        Assert.NotEmpty(targets);
        Assert.All(targets, t => Assert.True(File.Exists(Path.Combine(s_docs, Uri.UnescapeDataString(t))), $"docs/gallery.md links {t}, which does not exist."));
    }

    [ChromiumFact]
    public void A_browser_decodes_every_picture_of_the_html_page_and_its_links_resolve()
    {
        using var temp = new TempDirectory();
        var html = Path.Combine(s_docs, "gallery.html");
        var dom = Chromium.DumpDom(html, temp.File("profile"));

        Assert.Equal((GalleryCatalog.Read(s_models).Models.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), ""), GalleryPageTests.BodyCheck(dom));
        var targets = HtmlLink().Matches(File.ReadAllText(html)).Select(m => m.Groups[1].Value).ToArray();
        Assert.All(targets, t => Assert.True(
            t.StartsWith('#') ? dom.Contains($"id=\"{t[1..]}\"", StringComparison.Ordinal) : File.Exists(Path.Combine(s_docs, Uri.UnescapeDataString(t))),
            $"docs/gallery.html links {t}, which does not resolve."));
    }

    [GeneratedRegex(@"\d+(\.\d+)?%?")]
    private static partial Regex Number();

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex HtmlLink();
}
