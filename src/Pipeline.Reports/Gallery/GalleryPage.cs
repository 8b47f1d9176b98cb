using System.Globalization;
using System.Text;

namespace Pipeline.Reports.Gallery;

/// <summary>
/// The models a folder ships, on one page a person can browse: as Markdown (renders on a Git host) and as HTML. Each
/// model shows its picture, family, input → output, quality figures with the command and date that measured them,
/// its speed through ML.NET, its files and sizes, and the commands that make it again. Pictures and cards are linked
/// by their path relative to the page, so the page stays small and shows the committed files themselves.
/// </summary>
/// <param name="ModelsFolder">The folder that holds the model folders (e.g. <c>onnx</c>).</param>
/// <param name="Models">The models, in order.</param>
/// <param name="SpeedNote">Where the speeds come from: date, machine and command (or that none were measured).</param>
public sealed record GalleryPage(string ModelsFolder, IReadOnlyList<GalleryModel> Models, string SpeedNote)
{
    private const string Title = "Models in this repository";

    /// <summary>Writes the Markdown page, atomically.</summary>
    public void WriteMarkdown(string path) => HtmlPage.Write(path, Markdown(Link(path)));

    /// <summary>Writes the HTML page, atomically.</summary>
    public void WriteHtml(string path) => HtmlPage.Write(path, Html(Link(path)));

    /// <summary>The model's speeds, e.g. "DecodeFromLatent: 3966 / 13318 images/s at batch 1 / 64", one phrase per file timed (named when several are).</summary>
    public static string Speeds(GalleryModel model) => model.Speeds.Count == 0
        ? "not measured"
        : string.Join("; ", model.Speeds.GroupBy(s => (s.Transform, s.File)).Select(g =>
            $"{g.Key.Transform}{(model.Speeds.DistinctBy(s => s.File).Count() > 1 ? $" ({g.Key.File})" : "")}: " +
            $"{string.Join(" / ", g.Select(s => s.ImagesPerSecond.ToString("F0", CultureInfo.InvariantCulture)))} images/s at batch {string.Join(" / ", g.Select(s => s.BatchSize))}"));

    /// <summary>The total size of a model's ONNX files, e.g. "7.5 MB".</summary>
    public static string Size(IEnumerable<GalleryFile> files) => Megabytes(files.Sum(f => f.Bytes));

    private static string Megabytes(long bytes) => $"{(bytes / 1e6).ToString(bytes < 1e6 ? "F2" : "F1", CultureInfo.InvariantCulture)} MB";

    // A link from the page's folder to a file of a model folder: '/' separators, each segment escaped (Markdown and URLs).
    private Func<GalleryModel, string, string> Link(string pagePath)
    {
        var from = Path.GetDirectoryName(Path.GetFullPath(pagePath))!;
        return (model, file) => string.Join('/', Path.GetRelativePath(from, Path.Combine(Path.GetFullPath(ModelsFolder), model.Entry.Folder, file))
            .Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Select(Uri.EscapeDataString));
    }

    private string Markdown(Func<GalleryModel, string, string> link)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# {Title}\n\n");
        md.Append("Every model committed under the models folder, what it does, how good and how fast it is, and how to make it again. ");
        md.Append(CultureInfo.InvariantCulture, $"{SpeedNote}\n\n");
        md.Append("| model | input → output | quality | ML.NET speed | size |\n|---|---|---|---|---|\n");
        foreach (var model in Models)
        {
            var e = model.Entry;
            md.Append(CultureInfo.InvariantCulture, $"| [{Cell(e.Title)}](#{e.Folder}) | {Cell(e.Task)} | {Cell($"{e.Quality[0].Figure}: {e.Quality[0].Value}")} | {Cell(Speeds(model))} | {Size(model.Files)} |\n");
        }

        foreach (var model in Models)
        {
            var e = model.Entry;
            md.Append(CultureInfo.InvariantCulture, $"\n<a id=\"{e.Folder}\"></a>\n## {e.Title} (`{e.Folder}`)\n\n");
            md.Append(CultureInfo.InvariantCulture, $"![{e.Caption}]({link(model, e.Picture)})\n\n*{e.Caption}*\n\n");
            md.Append("| | |\n|---|---|\n");
            md.Append(CultureInfo.InvariantCulture, $"| family | {Cell(e.Family)} |\n| input → output | {Cell(e.Task)} |\n");
            md.Append(CultureInfo.InvariantCulture, $"| files | {Cell(string.Join(", ", model.Files.Select(f => $"`{f.Name}` ({f.Role}, {Megabytes(f.Bytes)})")))} |\n");
            md.Append(CultureInfo.InvariantCulture, $"| ML.NET speed | {Cell(Speeds(model))} |\n| reproduce | `{Cell(e.Reproduce)}` |\n");
            md.Append(CultureInfo.InvariantCulture, $"| model card | [MODEL_CARD.md]({link(model, "MODEL_CARD.md")}) |\n\n");
            md.Append("| quality figure | value | compare with | measured | by |\n|---|---|---|---|---|\n");
            foreach (var q in e.Quality)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {Cell(q.Figure)} | **{Cell(q.Value)}** | {Cell(q.Reference)} | {Cell(q.Measured)} | `{Cell(q.Command)}` |\n");
            }
        }

        return md.ToString();
    }

    private string Html(Func<GalleryModel, string, string> link)
    {
        var html = new StringBuilder();
        html.Append(HtmlPage.Head(Title, """
            body { max-width: 70em; }
            table { margin-bottom: 1.2em; }
            th, td { padding: 0.3em 0.7em; vertical-align: top; }
            img.picture { image-rendering: pixelated; max-width: 100%; }
            img.broken { outline: 3px solid red; }
            code { font-size: 0.9em; }
            """));
        html.Append(CultureInfo.InvariantCulture, $$"""
            <p>Every model committed under the models folder, what it does, how good and how fast it is, and how to make it again. {{Encode(SpeedNote)}}</p>
            <table id="summary">
            <tr><th>model</th><th>input → output</th><th>quality</th><th>ML.NET speed</th><th>size</th></tr>

            """);
        foreach (var model in Models)
        {
            var e = model.Entry;
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td><a href=\"#{Encode(e.Folder)}\">{Encode(e.Title)}</a></td><td>{Encode(e.Task)}</td><td>{Encode($"{e.Quality[0].Figure}: {e.Quality[0].Value}")}</td><td>{Encode(Speeds(model))}</td><td>{Size(model.Files)}</td></tr>\n");
        }

        html.Append("</table>\n");
        foreach (var model in Models)
        {
            var e = model.Entry;
            html.Append(CultureInfo.InvariantCulture, $"<section id=\"{Encode(e.Folder)}\">\n<h2>{Encode(e.Title)} (<code>{Encode(e.Folder)}</code>)</h2>\n");
            html.Append(CultureInfo.InvariantCulture, $"<figure><img class=\"picture\" src=\"{Encode(link(model, e.Picture))}\" alt=\"{Encode(e.Caption)}\"><figcaption>{Encode(e.Caption)}</figcaption></figure>\n<table>\n");
            Row(html, "family", Encode(e.Family));
            Row(html, "input → output", Encode(e.Task));
            Row(html, "files", string.Join(", ", model.Files.Select(f => $"<code>{Encode(f.Name)}</code> ({Encode(f.Role)}, {Megabytes(f.Bytes)})")));
            Row(html, "ML.NET speed", Encode(Speeds(model)));
            Row(html, "reproduce", $"<code>{Encode(e.Reproduce)}</code>");
            Row(html, "model card", $"<a href=\"{Encode(link(model, "MODEL_CARD.md"))}\">MODEL_CARD.md</a>");
            html.Append("</table>\n<table>\n<tr><th>quality figure</th><th>value</th><th>compare with</th><th>measured</th><th>by</th></tr>\n");
            foreach (var q in e.Quality)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{Encode(q.Figure)}</td><td><b>{Encode(q.Value)}</b></td><td>{Encode(q.Reference)}</td><td>{Encode(q.Measured)}</td><td><code>{Encode(q.Command)}</code></td></tr>\n");
            }

            html.Append("</table>\n</section>\n");
        }

        // Outlines a picture that fails to load, and records the count on <body> for whoever checks the page.
        html.Append("""
            <script>
            window.addEventListener("load", () => {
              const broken = [...document.images].filter(i => !(i.complete && i.naturalWidth > 0));
              broken.forEach(i => i.classList.add("broken"));
              document.body.dataset.images = document.images.length;
              document.body.dataset.brokenImages = broken.map(i => i.getAttribute("src")).join(" ");
            });
            </script>
            </body>
            </html>

            """);
        return html.ToString();
    }

    private static void Row(StringBuilder html, string name, string valueHtml) =>
        html.Append(CultureInfo.InvariantCulture, $"<tr><th>{Encode(name)}</th><td>{valueHtml}</td></tr>\n");

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Encode(string text) => HtmlPage.Encode(text);
}
