using System.Net;
using System.Text;

namespace Pipeline.Serving.Http;

/// <summary>
/// <c>GET /</c>: one self-contained page to try every model in a browser. The models are written into the HTML by
/// the server (not fetched by script), so the page lists them even where script does not run; a few lines of script
/// send the forms with fetch and show the PNG, or the server's one-line refusal, beside each model.
/// </summary>
internal static class TryPage
{
    public static string Html(IReadOnlyList<ModelDescription> models, ModelServerOptions options)
    {
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>pipeline serve</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2em; max-width: 60em; }
            section { border: 1px solid #ccc; border-radius: 6px; padding: 0.8em 1em; margin: 1em 0; }
            h2 { margin: 0 0 0.3em; font-size: 1.1em; } .task { color: #555; margin: 0 0 0.6em; }
            img.result { image-rendering: pixelated; min-width: 112px; margin-top: 0.6em; display: block; }
            .error { color: #b00; } input[type=number] { width: 5em; }
            </style></head><body>
            <h1>Models</h1>
            """);
        html.Append($"<p>Served from <code>{Encode(options.ModelsFolder)}</code>; requests of one model within {options.BatchWindowMilliseconds} ms share an ONNX Runtime run (up to {options.MaxBatch} images). <a href=\"/models\">/models</a> · <a href=\"/metrics\">/metrics</a></p>\n");
        foreach (var m in models)
        {
            html.Append($"<section id=\"{Encode(m.Name)}\"><h2 class=\"model\">{Encode(m.Name)}</h2><p class=\"task\">{Encode(m.Role)}: {Encode(m.Task)}</p>\n");
            html.Append(m.Verb == "translate"
                ? $"""
                    <form data-verb="translate" data-model="{Encode(m.Name)}">
                    <input type="file" name="image" accept="image/png,image/jpeg" required>
                    <label>resize <select name="resize"><option value="">no (exactly {m.InputShape[2]}x{m.InputShape[1]})</option><option>stretch</option><option>pad</option><option>crop</option></select></label>
                    <button>Translate</button></form>
                    """
                : $"""
                    <form data-verb="generate" data-model="{Encode(m.Name)}">
                    {ClassChoice(m)}<label>seed <input type="number" name="seed" value="0"></label>
                    <label>count <input type="number" name="count" value="16" min="1" max="{options.MaxCount}"></label>
                    <button>Generate</button></form>
                    """);
            html.Append("<div class=\"out\"></div></section>\n");
        }

        html.Append("""
            <script>
            for (const form of document.querySelectorAll('form')) {
              form.addEventListener('submit', async event => {
                event.preventDefault();
                const out = form.parentElement.querySelector('.out');
                const data = new FormData(form);
                const url = '/models/' + encodeURIComponent(form.dataset.model) + '/' + form.dataset.verb;
                let response;
                if (form.dataset.verb === 'translate') {
                  const resize = data.get('resize');
                  response = await fetch(url + (resize ? '?resize=' + resize : ''), { method: 'POST', body: data.get('image'), headers: { 'Content-Type': data.get('image').type || 'application/octet-stream' } });
                } else {
                  const body = { seed: Number(data.get('seed')), count: Number(data.get('count')) };
                  if (data.get('class') !== null && data.get('class') !== '') body.class = Number(data.get('class'));
                  response = await fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
                }
                if (response.ok) {
                  out.innerHTML = '<img class="result" alt="result">';
                  out.firstChild.src = URL.createObjectURL(await response.blob());
                } else {
                  out.innerHTML = '<p class="error"></p>';
                  out.firstChild.textContent = response.status + ': ' + await response.text();
                }
              });
            }
            </script>
            </body></html>
            """);
        return html.ToString();
    }

    private static string ClassChoice(ModelDescription m) => m.Classes is not { Count: > 0 } classes ? string.Empty
        : $"<label>class <select name=\"class\"><option value=\"\">every class in turn</option>{string.Concat(classes.Select((c, i) => $"<option value=\"{i}\">{i} {Encode(c)}</option>"))}</select></label> ";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
