using Pipeline.Data.Hardware;
using Pipeline.Inference.Gallery;
using Pipeline.MLNet.Measurement;
using Pipeline.Reports.Gallery;
using Pipeline.Serving;

namespace Pipeline.Cli.Commands;

/// <summary>The commands over a folder of exported models: list them (<c>models</c>) and serve them (<c>serve</c>).</summary>
internal static class ModelFolderCommands
{
    /// <summary><c>models [FOLDER]</c>: the committed models in a table; with --gallery, the gallery pages.</summary>
    public static Command Models()
    {
        var command = new Command("models", "List the exported models of a folder (its gallery.json catalog): task, quality, size; --measure times each through ML.NET at batch 1 and 64; --gallery writes gallery.md and gallery.html.");
        var folder = new Argument<string>("folder") { Description = "the models folder", DefaultValueFactory = _ => "onnx" };
        var measure = new Setting<bool>("--measure", "time every model through ML.NET at batch 1 and 64 (a few seconds each)").ToOption();
        var gallery = new Setting<string?>("--gallery", "write gallery.md and gallery.html into this folder").ToOption();
        var threads = new Setting<int>("--threads", "ONNX Runtime threads for --measure (0: one per core)") { Default = 0 }.ToOption();
        command.Arguments.Add(folder);
        command.Options.Add(measure);
        command.Options.Add(gallery);
        command.Options.Add(threads);
        command.SetAction(r => Terminal.Guard(() =>
        {
            var root = r.GetValue(folder)!;
            var models = ModelGallery.Read(root, r.GetValue(measure), r.GetValue(threads), Terminal.Notes);
            // Shared hosts differ by day: the GEMM taken in the same run lets a reader compare pages by ratio.
            double? gemm = r.GetValue(measure) ? GemmThroughput.Measure(r.GetValue(threads)) : null;
            Terminal.Table($"models in {root}{(gemm is { } peak ? $" (ONNX Runtime's fp32 GEMM 1024³ on the same threads: {peak:F0} GFLOP/s)" : "")}", ["model", "size", "input → output", "quality", "ML.NET speed"], models.Select(m => (IReadOnlyList<string>)
                [m.Entry.Folder, GalleryPage.Size(m.Files), m.Entry.Task, $"{m.Entry.Quality[0].Figure}: {m.Entry.Quality[0].Value}", GalleryPage.Speeds(m)]));
            if (r.GetValue(gallery) is { } pages)
            {
                var note = r.GetValue(measure)
                    ? $"Speeds measured {DateTime.UtcNow:yyyy-MM-dd} on {CpuInstructionSets.Host.Describe()}, {(r.GetValue(threads) is > 0 and var t ? $"{t} ONNX Runtime thread(s)" : "ONNX Runtime's default threads")}, by `pipeline models {root} --measure{(r.GetValue(threads) is > 0 and var n ? $" --threads {n}" : "")} --gallery {pages}` (random inputs, after one warm-up pass; the machine otherwise idle; ONNX Runtime's fp32 GEMM 1024³ on the same threads ran at {gemm:F0} GFLOP/s in the same run, so pages from different days compare by their ratio to it)."
                    : "Speeds not measured (`pipeline models --measure`).";
                var page = new GalleryPage(root, models, note);
                page.WriteMarkdown(Path.Combine(pages, "gallery.md"));
                page.WriteHtml(Path.Combine(pages, "gallery.html"));
                Terminal.Wrote("gallery", Path.Combine(pages, "gallery.md"));
                Terminal.Wrote("gallery page", Path.Combine(pages, "gallery.html"));
            }

            return 0;
        }));
        return command;
    }

    /// <summary>
    /// <c>serve --models DIR</c>: the exported models of a folder behind HTTP, with dynamic batching, until Ctrl+C. Only
    /// parses and starts <see cref="ModelServer"/>; the hosting lives in Pipeline.Serving.
    /// </summary>
    public static Command Serve()
    {
        var command = new Command("serve", "Serve the exported models of a folder over HTTP (a page at /, /models, translate and generate endpoints, /metrics), batching concurrent requests; Ctrl+C stops.");
        var server = new RecordSettings<ModelServerOptions>(new());
        Setting[] settings =
        [
            server.Set("--models", o => o.ModelsFolder, "folder of export folders (its gallery.json lists them)"),
            server.Set("--port", o => o.Port, "TCP port (0: any free port)", Within(0, 65535)),
            server.Set("--host", o => o.Host, "address to listen on (0.0.0.0 for other machines)"),
            server.Set("--batch-window-ms", o => o.BatchWindowMilliseconds, "how long a request waits for others of its model to share a run (0: no batching)", Within(0, 1000)),
            server.Set("--max-batch", o => o.MaxBatch, "images per ONNX Runtime run at most", AtLeast(1)),
            server.Set("--max-body-mb", o => o.MaxBodyMegabytes, "largest request body in MB", AtLeast(1)),
            server.Set("--max-count", o => o.MaxCount, "most images one generate request may ask for", AtLeast(1)),
            server.Set("--threads", o => o.Threads, "ONNX Runtime intra-op threads per model (0: one per core)", AtLeast(0)),
        ];
        command.AddOptions(settings.ToOptions());
        command.SetAction(r => Terminal.Guard(() =>
        {
            ModelServer.RunAsync(server.Apply(new ParsedSettings(r)), Terminal.Notes).GetAwaiter().GetResult();
            return 0;
        }));
        return command;
    }
}
