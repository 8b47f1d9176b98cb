namespace Pipeline.Serving;

/// <summary>What <see cref="ModelServer"/> serves and how: the models folder, where it listens, the batcher and the request limits.</summary>
/// <param name="ModelsFolder">A folder of export folders (each written by <c>pipeline export</c>), listed by its <c>gallery.json</c> when it has one.</param>
/// <param name="Port">TCP port; 0 lets the system choose a free one (read it from <see cref="ModelServer.Address"/>).</param>
/// <param name="Host">Address to listen on. Loopback by default: serving other machines is a choice the operator makes.</param>
/// <param name="BatchWindowMilliseconds">
/// How long the first request of a batch waits for others of the same model (Triton's <c>max_queue_delay</c>,
/// TorchServe's <c>max_batch_delay</c>). A few milliseconds cost a lone request little and let concurrent ones share
/// one ONNX Runtime run; 0 runs each request on its own.
/// </param>
/// <param name="MaxBatch">Images per ONNX Runtime run at most; 64 is where our 28x28 models reach most of their batched throughput on 2 cores (see <c>OnnxRuntimeOptions.BatchSize</c>).</param>
/// <param name="MaxBodyMegabytes">Largest request body accepted; a 28x28 PNG is under 1 KB, so 8 MB leaves room for photos that <c>?resize</c> fits.</param>
/// <param name="MaxCount">Most images one generate request may ask for; a 256-image grid of 28x28 is about 200 KB of PNG.</param>
/// <param name="Threads">ONNX Runtime intra-op threads per model session; 0 is one per core.</param>
public sealed record ModelServerOptions(
    string ModelsFolder = "onnx",
    int Port = 5000,
    string Host = "127.0.0.1",
    int BatchWindowMilliseconds = 5,
    int MaxBatch = 64,
    int MaxBodyMegabytes = 8,
    int MaxCount = 256,
    int Threads = 0)
{
    /// <summary>The largest request body in bytes.</summary>
    public long MaxBodyBytes => MaxBodyMegabytes * 1024L * 1024L;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range and what it accepts.</summary>
    public void Validate()
    {
        if (!Directory.Exists(ModelsFolder))
        {
            throw new ArgumentException($"models folder {ModelsFolder}: no such folder; expected a folder of export folders such as onnx/.", nameof(ModelsFolder));
        }

        Check(Port is >= 0 and <= 65535, nameof(Port), Port, "0 (any free port) to 65535");
        Check(BatchWindowMilliseconds is >= 0 and <= 1000, nameof(BatchWindowMilliseconds), BatchWindowMilliseconds, "0 (no batching) to 1000 ms");
        Check(MaxBatch >= 1, nameof(MaxBatch), MaxBatch, "at least 1");
        Check(MaxBodyMegabytes >= 1, nameof(MaxBodyMegabytes), MaxBodyMegabytes, "at least 1 MB");
        Check(MaxCount >= 1, nameof(MaxCount), MaxCount, "at least 1");
        Check(Threads >= 0, nameof(Threads), Threads, "0 (one per core) or more");
    }

    private static void Check(bool ok, string name, int value, string expected)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} is {value}; expected {expected}.");
        }
    }
}
