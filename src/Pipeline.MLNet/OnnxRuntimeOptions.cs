using Microsoft.ML.OnnxRuntime;

namespace Pipeline.MLNet;

/// <summary>How our transformers run ONNX Runtime. One session is created per transformer and shared by every cursor and
/// prediction engine (ONNX Runtime's <c>Run</c> is thread-safe).</summary>
/// <param name="BatchSize">Rows per <c>InferenceSession.Run</c> when transforming an <c>IDataView</c>. 64 is where the
/// lecture's decoder reaches ~95% of its batch-1024 throughput on 2 cores while a batch's buffers stay in L2.</param>
/// <param name="IntraOpThreads">Threads inside an operator; 0 lets ONNX Runtime use one per core.</param>
/// <param name="InterOpThreads">Threads across independent operators; 0 is ONNX Runtime's default (our graphs are chains).</param>
/// <param name="OptimizationLevel">Graph optimisation level.</param>
/// <param name="GpuDeviceId">CUDA device to run on; null runs on the CPU.</param>
/// <param name="FallbackToCpu">When CUDA is asked for but absent: true runs on the CPU with a warning, false throws.</param>
/// <param name="Warn">Where warnings go (CUDA fallback); null writes them to <see cref="System.Diagnostics.Trace"/>.</param>
/// <param name="IntraOpSpinning">Whether ONNX Runtime's intra-op threads spin for work after an operator instead of
/// sleeping. Null: off in our transforms, which read and write rows between Runs (on the decoder benchmark with the
/// other core busy, spinning threads took the core the cursor needed: 0.81–0.86x raw ONNX Runtime with spinning,
/// 1.07–1.28x without), and ONNX Runtime's default (on) in the samplers.</param>
public sealed record OnnxRuntimeOptions(
    int BatchSize = 64,
    int IntraOpThreads = 0,
    int InterOpThreads = 0,
    GraphOptimizationLevel OptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
    int? GpuDeviceId = null,
    bool FallbackToCpu = true,
    Action<string>? Warn = null,
    bool? IntraOpSpinning = null)
{
    /// <summary>The defaults: CPU, batch 64, all graph optimisations.</summary>
    public static OnnxRuntimeOptions Default { get; } = new();

    internal void Validate()
    {
        if (BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be at least 1.");
        }

        if (IntraOpThreads < 0 || InterOpThreads < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), "Thread counts must be 0 (ONNX Runtime's default) or more.");
        }

        if (GpuDeviceId is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(GpuDeviceId), GpuDeviceId, "GpuDeviceId must be 0 or more.");
        }
    }
}

/// <summary>Options of <c>GenerateImages</c>: a generator (latent and optional class label → image), a decoder
/// (latent → image) or a translator (image → image).</summary>
public sealed record GenerateImagesOptions
{
    /// <summary>The exported ONNX file (it must carry our <c>pipeline.*</c> metadata).</summary>
    public required string ModelFile { get; init; }

    /// <summary>
    /// Our metadata for a file from another exporter that lacks it (role, image channels and size, value range, latent
    /// size …), laid over the file's own in memory: the file is not changed, and a saved ML.NET model keeps it. Null
    /// reads the file's. <c>pipeline adopt</c> writes the same keys into a copy, after checking what the graph says.
    /// </summary>
    public Pipeline.Onnx.OnnxModelMetadata? Metadata { get; init; }

    /// <summary>Column of the generated image as a float vector (C, H, W planar, in the model's value range).</summary>
    public required string OutputColumnName { get; init; }

    /// <summary>Column of the model's main input: a latent vector, or an image (<c>MLImage</c> or float vector) for a
    /// translator. Null means <see cref="OutputColumnName"/>.</summary>
    public string? InputColumnName { get; init; }

    /// <summary>
    /// One column per input, in the graph's input order (class input left out), for a model with several: VQ-VAE-2's
    /// decoder takes its top and then its bottom code grid. Replaces <see cref="InputColumnName"/>; null for a model with one.
    /// </summary>
    public IReadOnlyList<string>? InputColumnNames { get; init; }

    /// <summary>Column of the class label for a class-conditional generator (key, integer or float); null for none.</summary>
    public string? LabelColumnName { get; init; }

    /// <summary>Also write the image as an <c>MLImage</c> (opaque BGRA, savable as PNG) to this column; null for none.</summary>
    public string? ImageColumnName { get; init; }

    /// <summary>ONNX Runtime settings.</summary>
    public OnnxRuntimeOptions Runtime { get; init; } = OnnxRuntimeOptions.Default;
}

/// <summary>Options of <c>EncodeToLatent</c>: a VAE encoder, image → posterior mean and log-variance.</summary>
public sealed record EncodeToLatentOptions
{
    /// <summary>The exported encoder.onnx.</summary>
    public required string ModelFile { get; init; }

    /// <summary>Column of the image: <c>MLImage</c> of the model's size, or a float vector of C·H·W values.</summary>
    public required string InputColumnName { get; init; }

    /// <summary>Column of the posterior mean μ(x).</summary>
    public string MeanColumnName { get; init; } = "Mean";

    /// <summary>Column of the posterior log-variance log σ²(x).</summary>
    public string LogVarianceColumnName { get; init; } = "LogVariance";

    /// <summary>Also write a sample z = μ + σ·ε to this column; null for none.</summary>
    public string? SampledLatentColumnName { get; init; }

    /// <summary>Seed of ε. ε depends only on (seed, the row's μ), so it is the same batched or row by row, in any order.</summary>
    public int Seed { get; init; }

    /// <summary>ONNX Runtime settings.</summary>
    public OnnxRuntimeOptions Runtime { get; init; } = OnnxRuntimeOptions.Default;
}

/// <summary>Options of <c>DecodeFromLatent</c>: a VAE decoder, latent z → image.</summary>
public sealed record DecodeFromLatentOptions
{
    /// <summary>The exported decoder.onnx.</summary>
    public required string ModelFile { get; init; }

    /// <summary>Column of the decoded image as a float vector.</summary>
    public required string OutputColumnName { get; init; }

    /// <summary>Column of the latent vector; null means <see cref="OutputColumnName"/>.</summary>
    public string? InputColumnName { get; init; }

    /// <summary>Also write the image as an <c>MLImage</c> to this column; null for none.</summary>
    public string? ImageColumnName { get; init; }

    /// <summary>ONNX Runtime settings.</summary>
    public OnnxRuntimeOptions Runtime { get; init; } = OnnxRuntimeOptions.Default;
}
