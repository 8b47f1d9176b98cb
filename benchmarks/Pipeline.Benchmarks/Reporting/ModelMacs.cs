using System.Collections.Concurrent;
using Pipeline.Onnx.Summary;

namespace Pipeline.Benchmarks.Reporting;

/// <summary>
/// MACs per image of the model each benchmark class runs, read from the exported file by our own OnnxModelSummary
/// (what <c>pipeline inspect</c> prints). Filled in GlobalSetup and read by the columns after the run, which works
/// because the benchmarks run in-process (see <see cref="RunMode.Config"/>).
/// </summary>
public static class ModelMacs
{
    private static readonly ConcurrentDictionary<Type, long> _perImage = new();

    /// <summary>Records the MACs per image of <paramref name="onnxFile"/> for <paramref name="benchmark"/>.</summary>
    public static void Record(Type benchmark, string onnxFile)
    {
        var summary = OnnxModelSummary.Read(onnxFile);
        if (!summary.MacsComplete)
        {
            Console.WriteLine($"// {onnxFile}: MAC count incomplete (some layer shapes unknown); utilisation is a lower bound.");
        }

        _perImage[benchmark] = summary.MacsPerSample;
    }

    /// <summary>Records <paramref name="macsPerImage"/> for <paramref name="benchmark"/> (e.g. a training step's count).</summary>
    public static void RecordPerImage(Type benchmark, long macsPerImage) => _perImage[benchmark] = macsPerImage;

    /// <summary>
    /// The recorded MACs per image, or null when the benchmark did not record any. The in-process toolchain runs a
    /// generated subclass of the benchmark class, so what GlobalSetup records under GetType() is looked up by ancestry.
    /// </summary>
    public static long? PerImage(Type benchmark) =>
        _perImage.Where(entry => entry.Key.IsAssignableTo(benchmark)).Select(entry => (long?)entry.Value).FirstOrDefault();
}
