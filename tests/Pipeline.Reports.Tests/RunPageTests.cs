using System.Text.RegularExpressions;
using SkiaSharp;

namespace Pipeline.Reports.Tests;

public sealed class RunPageTests
{
    [Fact]
    public void Embeds_each_image_as_a_data_uri_of_the_files_bytes()
    {
        // Given
        using var temp = new TempDirectory();
        string chart = SaveChart(temp.File("loss.png"));
        string samples = SaveRedImage(temp.File("images", "samples.png"));
        var page = new RunPage("run") { LossChart = chart, Images = [new RunPageImage("samples", samples)] };

        // When
        page.Save(temp.File("index.html"));

        // Then
        string[] sources = ImageSources(File.ReadAllText(temp.File("index.html")));
        Assert.Equal(2, sources.Length);
        Assert.Equal(File.ReadAllBytes(chart), DataUriBytes(sources[0]));
        Assert.Equal(File.ReadAllBytes(samples), DataUriBytes(sources[1]));
    }

    [Fact]
    public void Links_images_relative_to_the_pages_folder_when_not_embedding()
    {
        // Given: the page in a subfolder beside the run's images folder, one name with a space.
        using var temp = new TempDirectory();
        string samples = SaveRedImage(temp.File("images", "prior samples.png"));
        var page = new RunPage("run") { Images = [new RunPageImage("samples", samples)], EmbedImages = false };

        // When
        page.Save(temp.File("report", "index.html"));

        // Then
        Assert.Equal(["../images/prior%20samples.png"], ImageSources(File.ReadAllText(temp.File("report", "index.html"))));
    }

    [Fact]
    public void Escapes_the_title_metrics_and_captions()
    {
        // Given
        using var temp = new TempDirectory();
        string image = SaveRedImage(temp.File("a.png"));
        var page = new RunPage("<script>alert(1)</script> & co")
        {
            Metrics = [("a < b", "\"quoted\"")],
            Images = [new RunPageImage("x\" onerror=\"alert(2)", image)],
        };

        // When
        page.Save(temp.File("index.html"));

        // Then
        string html = File.ReadAllText(temp.File("index.html"));
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</h1>", html);
        Assert.Contains("<td>a &lt; b</td><td class=\"value\">&quot;quoted&quot;</td>", html);
        Assert.Contains("alt=\"x&quot; onerror=&quot;alert(2)\"", html);
    }

    [Fact]
    public void A_missing_image_is_named_and_leaves_the_old_page_untouched()
    {
        // Given
        using var temp = new TempDirectory();
        string pagePath = temp.File("index.html");
        File.WriteAllText(pagePath, "old page");
        var page = new RunPage("run") { Images = [new RunPageImage("gone", temp.File("gone.png"))] };

        // When
        var error = Assert.Throws<FileNotFoundException>(() => page.Save(pagePath));

        // Then
        Assert.Contains(temp.File("gone.png"), error.Message);
        Assert.Equal("old page", File.ReadAllText(pagePath));
        Assert.Equal([pagePath], Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Refuses_an_image_type_a_browser_may_not_show()
    {
        // Given
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("picture.bmpx"), "not an image");
        var page = new RunPage("run") { Images = [new RunPageImage("odd", temp.File("picture.bmpx"))] };

        // When
        var error = Assert.Throws<ArgumentException>(() => page.Save(temp.File("index.html")));

        // Then
        Assert.Contains("picture.bmpx is not one of .png, .jpg, .jpeg, .gif, .svg", error.Message);
    }

    [ChromiumFact]
    public void Chromium_shows_the_title_the_metrics_table_and_the_images()
    {
        // Given: a page with two metrics, a loss chart and a solid red picture.
        using var temp = new TempDirectory();
        var page = new RunPage("vae-lecture")
        {
            Metrics = [("test −ELBO (nats)", "244.35"), ("epochs", "10")],
            LossChart = SaveChart(temp.File("loss.png")),
            Images = [new RunPageImage("red square", SaveRedImage(temp.File("images", "red.png")))],
        };
        string pagePath = temp.File("index.html");
        page.Save(pagePath);

        // When
        string dom = Chromium.DumpDom(pagePath, temp.File("profile-dom"));
        Chromium.Screenshot(pagePath, temp.File("shot.png"), 1000, 1400, temp.File("profile-shot"));

        // Then: the browser parsed what we wrote, and decoded the embedded images onto the screen.
        Assert.Contains("<h1>vae-lecture</h1>", dom);
        Assert.Contains("<td>test −ELBO (nats)</td><td class=\"value\">244.35</td>", dom);
        Assert.Contains("<td>epochs</td><td class=\"value\">10</td>", dom);
        Assert.Equal(2, Regex.Count(dom, "<img "));
        using SKBitmap shot = SKBitmap.Decode(temp.File("shot.png"));
        int red = shot.Pixels.Count(p => p.Red > 200 && p.Green < 40 && p.Blue < 40);
        Assert.True(red > 60 * 60, $"expected the 64x64 red square on screen, found {red} red pixels");
        var (r, g, b) = LineChart.SeriesColors[0];
        Assert.Contains(shot.Pixels, p => Math.Abs(p.Red - r) + Math.Abs(p.Green - g) + Math.Abs(p.Blue - b) < 12);
    }

    private static string SaveChart(string path)
    {
        LineChart.SavePng(path, "loss", "epoch", "nats", [new ChartSeries("train", [1, 2, 3], [3, 2, 1.5])], width: 600, height: 300);
        return path;
    }

    private static string SaveRedImage(string path)
    {
        float[] red = [.. Enumerable.Repeat(1f, 16 * 16), .. new float[2 * 16 * 16]];
        ImageGrid.SavePng(path, red, count: 1, channels: 3, height: 16, width: 16, columns: 1, scale: 4);
        return path;
    }

    private static string[] ImageSources(string html) =>
        [.. Regex.Matches(html, "<img [^>]*src=\"([^\"]*)\"").Select(m => m.Groups[1].Value)];

    private static byte[] DataUriBytes(string source)
    {
        const string Prefix = "data:image/png;base64,";
        Assert.StartsWith(Prefix, source);
        return Convert.FromBase64String(source[Prefix.Length..]);
    }
}
