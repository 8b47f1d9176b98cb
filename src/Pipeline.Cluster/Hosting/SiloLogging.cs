using System.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Pipeline.Cluster.Hosting;

/// <summary>
/// The silo's console logging: Orleans' warnings (or, when verbose, its information logs too) except the note it prints
/// at every start on a workstation-GC process (event 100405, <c>SiloGcWarning</c>). That note points at an app.config
/// <c>&lt;gcServer&gt;</c> element .NET no longer reads and at single-core machines, so it reads as a fault to fix
/// when there is none; <see cref="GarbageCollector"/> says instead which collector runs and the switch that changes it.
/// Every other event of every category, the same note's category included, still reaches the console.
/// </summary>
public static class SiloLogging
{
    /// <summary>Orleans' <c>ErrorCode.SiloGcWarning</c>, logged by <c>Orleans.Runtime.Silo</c>.</summary>
    private const int GcNote = 100405;

    private const string SiloCategory = "Orleans.Runtime.Silo";

    /// <summary>The collector this process runs, for the silo's ready line.</summary>
    public static string GarbageCollector => GCSettings.IsServerGC
        ? "server GC"
        : "workstation GC (set DOTNET_gcServer=1 before starting a silo on a machine given to it, as Orleans recommends)";

    /// <summary>Sets the level (information when <paramref name="verbose"/>, else warnings) and wraps the host's console logger so that it skips <see cref="GcNote"/>.</summary>
    public static void Configure(ILoggingBuilder logging, bool verbose)
    {
        logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
        var console = logging.Services.Where(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider)).ToArray();
        foreach (var descriptor in console)
        {
            logging.Services.Remove(descriptor);
        }

        if (console.Length > 0)
        {
            logging.Services.AddSingleton<ILoggerProvider>(services => new SkippingProvider(ActivatorUtilities.CreateInstance<ConsoleLoggerProvider>(services)));
        }
    }

    private sealed class SkippingProvider(ILoggerProvider inner) : ILoggerProvider, ISupportExternalScope
    {
        public ILogger CreateLogger(string categoryName) => categoryName == SiloCategory ? new SkippingLogger(inner.CreateLogger(categoryName)) : inner.CreateLogger(categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => (inner as ISupportExternalScope)?.SetScopeProvider(scopeProvider);

        public void Dispose() => inner.Dispose();
    }

    private sealed class SkippingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id != GcNote)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
