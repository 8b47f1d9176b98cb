using Pipeline.Data.Hardware;
using Pipeline.Inference.Gallery;
using Pipeline.Reports.Gallery;

namespace Pipeline.Cli.Commands;

/// <summary><c>models [FOLDER]</c>: the committed models in a table; with --gallery, the gallery pages.</summary>
internal static class ModelsCommand
{
    public static Command Create()
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
            Terminal.Table($"models in {root}", ["model", "size", "input → output", "quality", "ML.NET speed"], models.Select(m => (IReadOnlyList<string>)
                [m.Entry.Folder, GalleryPage.Size(m.Files), m.Entry.Task, $"{m.Entry.Quality[0].Figure}: {m.Entry.Quality[0].Value}", GalleryPage.Speeds(m)]));
            if (r.GetValue(gallery) is { } pages)
            {
                var note = r.GetValue(measure)
                    ? $"Speeds measured {DateTime.UtcNow:yyyy-MM-dd} on {CpuInstructionSets.Host.Describe()}, {(r.GetValue(threads) is > 0 and var t ? $"{t} ONNX Runtime thread(s)" : "ONNX Runtime's default threads")}, by `pipeline models {root} --measure{(r.GetValue(threads) is > 0 and var n ? $" --threads {n}" : "")} --gallery {pages}` (random inputs, after one warm-up pass; the machine otherwise idle)."
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
}
