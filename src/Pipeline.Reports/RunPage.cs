using System.Globalization;
using System.Text;

namespace Pipeline.Reports;

/// <summary>
/// One HTML page that shows a run the way a person looks at it: a title, a table of metrics, the loss chart and
/// captioned pictures. By default the images are embedded as data URIs, so the page stays whole when it is copied,
/// mailed or opened from another folder.
/// </summary>
/// <example>
/// <code>
/// var page = new RunPage("vae-lecture")
/// {
///     Metrics = [("test −ELBO (nats)", "244.35"), ("epochs", "10")],
///     LossChart = "runs/vae/loss.png",
///     Images = [new RunPageImage("Prior samples", "runs/vae/images/samples.png")],
/// };
/// page.Save("runs/vae/index.html");
/// </code>
/// </example>
/// <param name="Title">The page's heading and window title.</param>
public sealed record RunPage(string Title)
{
    private static readonly Dictionary<string, string> s_mediaTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".svg"] = "image/svg+xml",
    };

    /// <summary>The rows of the metrics table, in order; values are shown as given, so the caller chooses the precision.</summary>
    public IReadOnlyList<(string Name, string Value)> Metrics { get; init; } = [];

    /// <summary>The loss chart's image file, shown under the metrics; none when null.</summary>
    public string? LossChart { get; init; }

    /// <summary>The pictures shown after the loss chart, in order.</summary>
    public IReadOnlyList<RunPageImage> Images { get; init; } = [];

    /// <summary>
    /// Whether images are embedded as data URIs (the default: a self-contained page) or linked by their path
    /// relative to the page's folder (a small page that stays next to its run folder).
    /// </summary>
    public bool EmbedImages { get; init; } = true;

    /// <summary>Writes the page to <paramref name="path"/> as UTF-8 HTML, atomically.</summary>
    /// <param name="path">The HTML file to create or replace.</param>
    /// <exception cref="FileNotFoundException">An image file does not exist.</exception>
    /// <exception cref="ArgumentException">An image is not PNG, JPEG, GIF or SVG.</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;

        // Build the whole text first: a missing image then fails before the old page is touched.
        string html = Html(folder);
        HtmlPage.Write(path, html);
    }

    private string Html(string folder)
    {
        var html = new StringBuilder();
        html.Append(HtmlPage.Head(Title, """
            table { margin-bottom: 1.5em; }
            th, td { padding: 0.3em 0.8em; }
            td.value { text-align: right; font-variant-numeric: tabular-nums; }
            figure { margin: 0 0 1.5em 0; }
            img.picture { image-rendering: pixelated; }
            """));

        if (Metrics.Count > 0)
        {
            html.Append("<table id=\"metrics\">\n<tr><th>metric</th><th>value</th></tr>\n");
            foreach (var (name, value) in Metrics)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(name)}</td><td class=\"value\">{Encode(value)}</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        if (LossChart is not null)
        {
            AppendFigure(html, folder, new RunPageImage("Loss", LossChart), "loss-chart", "chart");
        }

        foreach (RunPageImage image in Images)
        {
            AppendFigure(html, folder, image, id: null, "picture");
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private void AppendFigure(StringBuilder html, string folder, RunPageImage image, string? id, string cssClass)
    {
        string idAttribute = id is null ? string.Empty : $" id=\"{id}\"";
        html.Append(CultureInfo.InvariantCulture, $"""
            <figure{idAttribute}>
            <img class="{cssClass}" src="{Source(folder, image.Path)}" alt="{Encode(image.Caption)}">
            <figcaption>{Encode(image.Caption)}</figcaption>
            </figure>

            """);
    }

    private string Source(string folder, string imagePath)
    {
        string fullPath = Path.GetFullPath(imagePath);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"Run page '{Title}': image {fullPath} does not exist.", fullPath);
        }

        if (!s_mediaTypes.TryGetValue(Path.GetExtension(fullPath), out string? mediaType))
        {
            throw new ArgumentException(
                $"Run page '{Title}': image {fullPath} is not one of {string.Join(", ", s_mediaTypes.Keys)}.", nameof(imagePath));
        }

        if (EmbedImages)
        {
            return $"data:{mediaType};base64,{Convert.ToBase64String(File.ReadAllBytes(fullPath))}";
        }

        string relative = Path.GetRelativePath(folder, fullPath).Replace(Path.DirectorySeparatorChar, '/');
        return string.Join('/', relative.Split('/').Select(Uri.EscapeDataString));
    }

    private static string Encode(string text) => HtmlPage.Encode(text);
}
