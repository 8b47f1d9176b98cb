using System.Net;
using System.Text;
using Pipeline.Data;

namespace Pipeline.Reports;

/// <summary>What the project's HTML pages share: the document head with its page-specific style, and the atomic write.</summary>
internal static class HtmlPage
{
    /// <summary>From the doctype to the page's &lt;h1&gt;: the shared font, colours and tables, then <paramref name="css"/>.</summary>
    public static string Head(string title, string css) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>{{Encode(title)}}</title>
        <style>
        body { font-family: "DejaVu Sans", sans-serif; margin: 2em; color: #222; }
        table { border-collapse: collapse; }
        th, td { border: 1px solid #ccc; text-align: left; }
        {{css.Trim()}}
        </style>
        </head>
        <body>
        <h1>{{Encode(title)}}</h1>

        """;

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark, atomically.</summary>
    public static void Write(string path, string text) => AtomicFile.Write(path, stream =>
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.Write(text);
    });
}
