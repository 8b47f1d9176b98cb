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
        var models = new Setting<string>("--models", "folder of export folders (its gallery.json lists them)") { Default = defaults.ModelsFolder }.ToOption();
        var port = new Setting<int>("--port", "TCP port (0: any free port)") { Default = defaults.Port, Rule = Within(0, 65535) }.ToOption();
        var host = new Setting<string>("--host", "address to listen on (0.0.0.0 for other machines)") { Default = defaults.Host }.ToOption();
        var window = new Setting<int>("--batch-window-ms", "how long a request waits for others of its model to share a run (0: no batching)") { Default = defaults.BatchWindowMilliseconds, Rule = Within(0, 1000) }.ToOption();
        var maxBatch = new Setting<int>("--max-batch", "images per ONNX Runtime run at most") { Default = defaults.MaxBatch, Rule = AtLeast(1) }.ToOption();
        var maxBody = new Setting<int>("--max-body-mb", "largest request body in MB") { Default = defaults.MaxBodyMegabytes, Rule = AtLeast(1) }.ToOption();
        var maxCount = new Setting<int>("--max-count", "most images one generate request may ask for") { Default = defaults.MaxCount, Rule = AtLeast(1) }.ToOption();
        var threads = new Setting<int>("--threads", "ONNX Runtime intra-op threads per model (0: one per core)") { Default = defaults.Threads, Rule = AtLeast(0) }.ToOption();
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
