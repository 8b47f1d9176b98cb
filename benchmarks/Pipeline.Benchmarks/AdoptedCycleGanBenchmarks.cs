using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Pipeline.Onnx;
using Pipeline.Onnx.Optimization.Adoption;

namespace Pipeline.Benchmarks;

/// <summary>
/// A model brought from PyTorch: the CycleGAN reference ResNet generator (width 64, 9 residual blocks, 256x256 RGB,
/// symbolic sizes) exported by PyTorch's own <c>torch.onnx.export</c> (tests/fixtures/pytorch/export_reference_models.py,
/// Debian's python3-torch) in the setup, adopted with <see cref="OnnxAdoption"/>, then run on the same images three
/// ways: ONNX Runtime directly (one Run per batch, the ceiling), our <c>GenerateImages</c> transform over float
/// vectors read through a cursor, and ML.NET's <c>ApplyOnnxModel</c> (one Run per row), each on the file as adopted and
/// with the CPU rewrites (<see cref="Optimized"/>). Without python3-torch the
/// setup fails with a message saying so, and a full run goes on with the other benchmarks.
/// </summary>
public class AdoptedCycleGanBenchmarks
{
    private const int Size = 256;
    private const int PerImage = 3 * Size * Size;
    private readonly MLContext _ml = new(seed: 0);
    private string _directory = null!;
    private float[] _images = null!;
    private float[] _output = null!;
    private InferenceSession _session = null!;
    private IDataView _data = null!;
    private ITransformer _ours = null!;
    private ITransformer _applyOnnx = null!;

    [Params(1, 8)]
    public int Batch { get; set; }

    /// <summary>Adopted with <c>--optimize</c>: the graph carries the ONNX Runtime CPU rewrites of <c>pipeline optimize</c>.</summary>
    [Params(false, true)]
    public bool Optimized { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("adopted-cyclegan-bench-").FullName;
        var original = Export(_directory);
        var model = Path.Combine(_directory, "translator.onnx");
        OnnxAdoption.Adopt(original, model, new AdoptionSettings(OnnxMetadataKeys.Roles.Translator) { ImageSize = (Size, Size), Optimize = Optimized });

        var random = new Random(0);
        _images = Enumerable.Range(0, Batch * PerImage).Select(_ => (float)random.NextDouble() * 2 - 1).ToArray();
        _output = new float[Batch * PerImage];
        _session = new InferenceSession(model);
        _data = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, Batch).Select(i => new Row { input = _images.AsSpan(i * PerImage, PerImage).ToArray() }));
        _ours = _ml.Transforms.GenerateImages("Translated", model, nameof(Row.input), batchSize: Batch).Fit(_data);
        _applyOnnx = _ml.Transforms.ApplyOnnxModel(["output"], [nameof(Row.input)], model,
            shapeDictionary: new Dictionary<string, int[]> { [nameof(Row.input)] = [1, 3, Size, Size] }, gpuDeviceId: null, fallbackToCpu: false).Fit(_data);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _session.Dispose();
        (_ours as IDisposable)?.Dispose();
        (_applyOnnx as IDisposable)?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "ONNX Runtime, one Run per batch")]
    public float RawOnnxRuntime()
    {
        using var runOptions = new RunOptions();
        using var input = OrtValue.CreateTensorValueFromMemory(_images, [Batch, 3, Size, Size]);
        using var result = OrtValue.CreateTensorValueFromMemory(_output, [Batch, 3, Size, Size]);
        _session.Run(runOptions, ["input"], [input], ["output"], [result]);
        return _output[0];
    }

    [Benchmark(Description = "GenerateImages (ours), cursor")]
    public float Ours() => CursorReads.ReadAll(_ours.Transform(_data), "Translated");

    [Benchmark(Description = "ApplyOnnxModel, cursor")]
    public float ApplyOnnxModel() => CursorReads.ReadAll(_applyOnnx.Transform(_data), "output");

    // PyTorch's export of the reference generator; the script also runs it once in PyTorch (a few seconds).
    private static string Export(string folder)
    {
        var script = FindScript();
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-I", script, folder, "--width", "64", "--blocks", "9", "--only", "cyclegan_resnet"])
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new NotSupportedException($"AdoptedCycleGanBenchmarks skipped: /usr/bin/python3 cannot be started ({ex.Message}); install python3-torch.", ex);
        }

        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var file = Path.Combine(folder, "cyclegan_resnet.onnx");
            return process.ExitCode == 0 && File.Exists(file)
                ? file
                : throw new NotSupportedException($"AdoptedCycleGanBenchmarks skipped: {script} failed (is python3-torch installed? scripts/install-deps.sh --tests): {errors.Result}");
        }
    }

    private static string FindScript()
    {
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            var script = Path.Combine(folder.FullName, "tests", "fixtures", "pytorch", "export_reference_models.py");
            if (File.Exists(script))
            {
                return script;
            }
        }

        throw new NotSupportedException($"AdoptedCycleGanBenchmarks skipped: tests/fixtures/pytorch/export_reference_models.py not found above {Directory.GetCurrentDirectory()}; run from the repository.");
    }

    public sealed class Row
    {
        [VectorType(PerImage)]
        public float[] input { get; set; } = [];
    }
}
