using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pipeline.MLNet;
using Pipeline.Serving.Batching;
using Pipeline.Serving.Http;
using Pipeline.Serving.Models;

namespace Pipeline.Serving;

/// <summary>
/// Exported models behind HTTP: <c>GET /</c> (a page to try them), <c>GET /models</c>, <c>POST
/// /models/{name}/translate</c>, <c>POST /models/{name}/generate</c> and <c>GET /metrics</c>, on Kestrel. Each model
/// has one ONNX Runtime session and one <see cref="DynamicBatcher"/>, so concurrent requests for it share runs.
/// </summary>
/// <example>
/// <code>
/// await using var server = await ModelServer.StartAsync(new ModelServerOptions("onnx", Port: 0));
/// using var http = new HttpClient { BaseAddress = server.Address };
/// var png = await http.PostAsync("models/sneaker2boot-fashion28/translate", new ByteArrayContent(sneaker) { Headers = { ContentType = new("image/png") } });
/// </code>
/// </example>
public sealed class ModelServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ServedModels _served;

    private ModelServer(WebApplication app, ServedModels served, Uri address)
    {
        _app = app;
        _served = served;
        Address = address;
    }

    /// <summary>Where the server listens, with the port the system chose when the options asked for port 0.</summary>
    public Uri Address { get; }

    /// <summary>The models served, as <c>GET /models</c> lists them.</summary>
    public IReadOnlyList<ModelDescription> Models => ModelListing.Describe(_served);

    /// <summary>Requests, ONNX Runtime runs and images per run model since the start, as <c>GET /metrics</c> gives them.</summary>
    public IReadOnlyList<ModelMetricsSnapshot> Metrics => _served.Batchers.Select(b => b.Value.Metrics.Snapshot(b.Key)).ToArray();

    /// <summary>Loads every model of the folder (one session each), starts a batcher per model and starts listening.</summary>
    /// <param name="options">The folder, address, batching and limits; validated first.</param>
    /// <param name="notes">Told which model each folder serves.</param>
    /// <param name="cancellation">Stops the start.</param>
    /// <exception cref="ArgumentException">An option is out of range (the message names it).</exception>
    /// <exception cref="InvalidDataException">The folder holds no model to serve, or a model file cannot be loaded.</exception>
    public static async Task<ModelServer> StartAsync(ModelServerOptions options, IProgress<string>? notes = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var folder = ModelFolder.Load(options.ModelsFolder, OnnxRuntimeOptions.Default with { IntraOpThreads = options.Threads }, notes);
        var window = TimeSpan.FromMilliseconds(options.BatchWindowMilliseconds);
        var batchers = folder.Models.Where(m => m.Session is not null).ToDictionary(m => m.Name, m => new DynamicBatcher(m, window, options.MaxBatch), StringComparer.Ordinal);
        var served = new ServedModels(options, folder, batchers);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxBodyBytes);
        builder.WebHost.UseUrls($"http://{options.Host}:{options.Port}");
        builder.Services.AddSingleton(served);
        var app = builder.Build();
        app.Use(Refusals);
        Map(app, served);
        try
        {
            await app.StartAsync(cancellation).ConfigureAwait(false);
        }
        catch
        {
            await DisposeAsync(app, served).ConfigureAwait(false);
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ModelServer(app, served, new Uri(bound.EndsWith('/') ? bound : bound + "/"));
    }

    /// <summary>
    /// <see cref="StartAsync"/>, then serves until Ctrl+C, SIGTERM or <paramref name="cancellation"/>, and stops
    /// gracefully: Kestrel finishes the requests in flight and each batcher runs what is queued.
    /// </summary>
    public static async Task RunAsync(ModelServerOptions options, IProgress<string>? notes = null, CancellationToken cancellation = default)
    {
        await using var server = await StartAsync(options, notes, cancellation).ConfigureAwait(false);
        notes?.Report($"serving {server.Models.Count} models of {options.ModelsFolder} on {server.Address} (batch window {options.BatchWindowMilliseconds} ms, up to {options.MaxBatch} images a run); Ctrl+C stops");
        await server._app.WaitForShutdownAsync(cancellation).ConfigureAwait(false);
        notes?.Report("stopping: finishing the requests in flight");
    }

    /// <summary>Stops listening, lets the batchers run what is queued, and releases the sessions.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await DisposeAsync(_app, _served).ConfigureAwait(false);
    }

    private static async Task DisposeAsync(WebApplication app, ServedModels served)
    {
        foreach (var batcher in served.Batchers.Values)
        {
            await batcher.DisposeAsync().ConfigureAwait(false);
        }

        served.Folder.Dispose();
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private static void Map(WebApplication app, ServedModels served)
    {
        app.MapGet("/", () => Results.Content(TryPage.Html(ModelListing.Describe(served), served.Options), "text/html; charset=utf-8"));
        app.MapGet("/models", () => Results.Json(ModelListing.Describe(served)));
        app.MapGet("/metrics", () => Results.Json(served.Batchers.Select(b => b.Value.Metrics.Snapshot(b.Key)).ToArray()));
        app.MapPost("/models/{name}/translate", (string name, HttpRequest request) => TranslateEndpoint.HandleAsync(name, request, served));
        app.MapPost("/models/{name}/generate", (string name, HttpRequest request) => GenerateEndpoint.HandleAsync(name, request, served));
    }

    // Every refusal is a status and one line of text, whichever endpoint or Kestrel limit raised it.
    private static async Task Refusals(HttpContext context, RequestDelegate next)
    {
        var served = context.RequestServices.GetRequiredService<ServedModels>();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (RequestRefusedException ex)
        {
            await Refuse(context, ex.StatusCode, ex.Message).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await Refuse(context, ex.StatusCode, ImageBody.TooLarge(null, served.Options.MaxBodyBytes).Message).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex)
        {
            await Refuse(context, ex.StatusCode, ex.Message).ConfigureAwait(false);
        }
    }

    private static Task Refuse(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message + "\n");
    }
}
