using Pipeline.Serving;

namespace Pipeline.Cli.Commands;

/// <summary>
/// <c>serve --models DIR</c>: the exported models of a folder behind HTTP, with dynamic batching, until Ctrl+C. Only
/// parses and starts <see cref="ModelServer"/>; the hosting lives in Pipeline.Serving.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Serve the exported models of a folder over HTTP (a page at /, /models, translate and generate endpoints, /metrics), batching concurrent requests; Ctrl+C stops.");
        var defaults = new ModelServerOptions();
        var models = new Option<string>("--models") { Description = "folder of export folders (its gallery.json lists them)", DefaultValueFactory = _ => defaults.ModelsFolder };
        var port = new Option<int>("--port") { Description = "TCP port (0: any free port)", DefaultValueFactory = _ => defaults.Port }.Within(0, 65535);
        var host = new Option<string>("--host") { Description = "address to listen on (0.0.0.0 for other machines)", DefaultValueFactory = _ => defaults.Host };
        var window = new Option<int>("--batch-window-ms") { Description = "how long a request waits for others of its model to share a run (0: no batching)", DefaultValueFactory = _ => defaults.BatchWindowMilliseconds }.Within(0, 1000);
        var maxBatch = new Option<int>("--max-batch") { Description = "images per ONNX Runtime run at most", DefaultValueFactory = _ => defaults.MaxBatch }.AtLeast(1);
        var maxBody = new Option<int>("--max-body-mb") { Description = "largest request body in MB", DefaultValueFactory = _ => defaults.MaxBodyMegabytes }.AtLeast(1);
        var maxCount = new Option<int>("--max-count") { Description = "most images one generate request may ask for", DefaultValueFactory = _ => defaults.MaxCount }.AtLeast(1);
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads per model (0: one per core)", DefaultValueFactory = _ => defaults.Threads }.AtLeast(0);
        foreach (Option option in new Option[] { models, port, host, window, maxBatch, maxBody, maxCount, threads })
        {
            command.Options.Add(option);
        }

        command.SetAction(r => Terminal.Guard(() =>
        {
            var options = new ModelServerOptions(r.GetValue(models)!, r.GetValue(port), r.GetValue(host)!, r.GetValue(window), r.GetValue(maxBatch), r.GetValue(maxBody), r.GetValue(maxCount), r.GetValue(threads));
            ModelServer.RunAsync(options, Terminal.Notes).GetAwaiter().GetResult();
            return 0;
        }));
        return command;
    }
}
