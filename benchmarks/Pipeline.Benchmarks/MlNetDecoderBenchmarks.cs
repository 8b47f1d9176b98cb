using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Pipeline.Export.Families;
using Pipeline.Models.Vae;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks;

/// <summary>
/// The lecture VAE's decoder (20-400-784) over the same 4096 latents three ways: ONNX Runtime directly in batches of
/// 64 (the ceiling), our <c>DecodeFromLatent</c> transform read through a cursor, and ML.NET's <c>ApplyOnnxModel</c>
/// (one Run per row). Weights do not matter for speed, so an untrained VAE is exported in the setup unless
/// onnx/vae-lecture/decoder.onnx exists.
/// </summary>
[MemoryDiagnoser]
public class MlNetDecoderBenchmarks
{
    /// <summary>Rows per pass.</summary>
    public const int Rows = 4096;
    private const int Batch = 64;
    private readonly MLContext _ml = new(seed: 0);
    private string _directory = null!;
    private float[] _latents = null!;
    private InferenceSession _session = null!;
    /// <summary>The decoder file the setup found or exported.</summary>
    public string DecoderFile { get; private set; } = null!;

    /// <summary>The latents as an IDataView of one 20-float column "z".</summary>
    public IDataView Data => _data;

    private IDataView _data = null!;
    private ITransformer _ours = null!;
    private ITransformer _applyOnnx = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("mlnet-bench-").FullName;
        var decoder = Path.Combine("onnx", "vae-lecture", VaeOnnxExport.DecoderFile);
        if (!File.Exists(decoder))
        {
            manual_seed(0);
            using var vae = VariationalAutoencoder.Create(VaeOptions.Lecture);
            VaeOnnxExport.Export(vae, _directory, "benchmark");
            decoder = Path.Combine(_directory, VaeOnnxExport.DecoderFile);
        }

        DecoderFile = decoder;
        var random = new Random(0);
        _latents = Enumerable.Range(0, Rows * 20).Select(_ => (float)random.NextDouble() * 4 - 2).ToArray();
        _session = new InferenceSession(decoder);
        _data = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, Rows).Select(i => new Row { z = _latents.AsSpan(i * 20, 20).ToArray() }));
        _ours = _ml.Transforms.DecodeFromLatent("Decoded", decoder, "z", batchSize: Batch).Fit(_data);
        _applyOnnx = _ml.Transforms.ApplyOnnxModel(["image"], ["z"], decoder).Fit(_data);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _session.Dispose();
        (_ours as IDisposable)?.Dispose();
        (_applyOnnx as IDisposable)?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "ONNX Runtime, batches of 64")]
    public float RawOnnxRuntime() => RawOnnxRuntime(_session);

    /// <summary>The decoder in another session, e.g. one whose intra-op threads sleep instead of spinning between operators.</summary>
    public InferenceSession OpenSession(bool spinning)
    {
        using var options = new SessionOptions();
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", spinning ? "1" : "0");
        return new InferenceSession(DecoderFile, options);
    }

    /// <summary>The raw row over <paramref name="session"/>.</summary>
    public float RawOnnxRuntime(InferenceSession session)
    {
        var output = new float[Batch * 784];
        using var runOptions = new RunOptions();
        var sum = 0f;
        for (var start = 0; start < Rows; start += Batch)
        {
            using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _latents.AsMemory(start * 20, Batch * 20), [Batch, 20]);
            using var result = OrtValue.CreateTensorValueFromMemory(output, [Batch, 1, 28, 28]);
            session.Run(runOptions, ["z"], [input], ["image"], [result]);
            sum += output[0];
        }

        return sum;
    }

    [Benchmark(Description = "DecodeFromLatent (ours), cursor")]
    public float Ours() => CursorReads.ReadAll(_ours.Transform(_data), "Decoded");

    [Benchmark(Description = "ApplyOnnxModel, cursor")]
    public float ApplyOnnxModel() => CursorReads.ReadAll(_applyOnnx.Transform(_data), "image");

    public sealed class Row
    {
        [VectorType(20)]
        public float[] z { get; set; } = [];
    }
}
