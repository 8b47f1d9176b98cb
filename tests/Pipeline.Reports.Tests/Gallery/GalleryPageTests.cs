using System.Text.RegularExpressions;
using Pipeline.Reports.Gallery;
using SkiaSharp;

namespace Pipeline.Reports.Tests.Gallery;

public sealed partial class GalleryPageTests
{
    [Fact]
    public void Links_each_models_picture_and_card_relative_to_the_page()
    {
        // Given: a models folder with one model whose folder name has a space, the pages in a sibling folder.
        using var temp = new TempDirectory();
        var page = new GalleryPage(temp.File("models"), [Model(temp, "my vae")], "Speeds not measured.");

        // When
        page.WriteMarkdown(temp.File("docs", "gallery.md"));
        page.WriteHtml(temp.File("docs", "gallery.html"));

        // Then
        var markdown = File.ReadAllText(temp.File("docs", "gallery.md"));
        Assert.Contains("![prior samples](../models/my%20vae/samples.png)", markdown);
        Assert.Contains("[MODEL_CARD.md](../models/my%20vae/MODEL_CARD.md)", markdown);
        Assert.Equal(["../models/my%20vae/samples.png"], Sources(File.ReadAllText(temp.File("docs", "gallery.html"))));
    }

    [Fact]
    public void Shows_speeds_per_file_and_the_total_size()
    {
        var model = new GalleryModel(Entry("cyclegan"), [new("a2b.onnx", "translator", 7_500_000), new("b2a.onnx", "translator", 7_500_000)],
            [new("TranslateImages", "a2b.onnx", 1, 150.2), new("TranslateImages", "a2b.onnx", 64, 190.7), new("TranslateImages", "b2a.onnx", 1, 140)]);

        Assert.Equal("TranslateImages (a2b.onnx): 150 / 191 images/s at batch 1 / 64; TranslateImages (b2a.onnx): 140 images/s at batch 1", GalleryPage.Speeds(model));
        Assert.Equal("15.0 MB", GalleryPage.Size(model.Files));
    }

    [ChromiumFact]
    public void A_browser_decodes_every_picture_and_marks_a_missing_one()
    {
        // Given: two models, the second one's picture deleted after its entry was checked.
        using var temp = new TempDirectory();
        var page = new GalleryPage(temp.File("models"), [Model(temp, "vae"), Model(temp, "gan")], "Speeds not measured.");
        page.WriteHtml(temp.File("docs", "whole.html"));
        File.Delete(temp.File("models", "gan", "samples.png"));
        page.WriteHtml(temp.File("docs", "broken.html"));
        File.Copy(temp.File("models", "vae", "samples.png"), temp.File("models", "gan", "samples.png"));

        // When
        var whole = Chromium.DumpDom(temp.File("docs", "whole.html"), temp.File("profile"));
        File.Delete(temp.File("models", "gan", "samples.png"));
        var broken = Chromium.DumpDom(temp.File("docs", "broken.html"), temp.File("profile"));

        // Then
        Assert.Equal(("2", ""), BodyCheck(whole));
        Assert.Equal(("2", "../models/gan/samples.png"), BodyCheck(broken));
    }

    /// <summary>What the page's own script records on &lt;body&gt; once loaded: the image count and the sources that failed.</summary>
    internal static (string Images, string Broken) BodyCheck(string dom)
    {
        var body = BodyAttributes().Match(dom);
        Assert.True(body.Success, "the page's script did not mark <body> (did it run?)");
        return (body.Groups[1].Value, body.Groups[2].Value);
    }

    internal static string[] Sources(string html) => [.. ImageSource().Matches(html).Select(m => m.Groups[1].Value)];

    private static GalleryModel Model(TempDirectory temp, string folder)
    {
        using (var bitmap = new SKBitmap(28, 28))
        {
            bitmap.Erase(SKColors.Gray);
            Directory.CreateDirectory(temp.File("models", folder));
            using var file = File.Create(temp.File("models", folder, "samples.png"));
            bitmap.Encode(file, SKEncodedImageFormat.Png, 100);
        }

        File.WriteAllText(temp.File("models", folder, "MODEL_CARD.md"), "# card\n");
        return new GalleryModel(Entry(folder), [new("decoder.onnx", "decoder", 1_300_000)], []);
    }

    private static GalleryEntry Entry(string folder) => new(folder, $"title of {folder}", "VAE", "z → image", "samples.png", "prior samples",
        [new GalleryFigure("test −ELBO", "244.35 nats", "lower is better", "2026-12-07", "scripts/main-job.sh")], "scripts/main-job.sh");

    [GeneratedRegex("<body data-images=\"(\\d+)\" data-broken-images=\"([^\"]*)\"")]
    private static partial Regex BodyAttributes();

    [GeneratedRegex("<img[^>]* src=\"([^\"]+)\"")]
    private static partial Regex ImageSource();
}
