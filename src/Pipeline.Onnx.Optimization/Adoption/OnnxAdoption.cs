using System.Globalization;
using Google.Protobuf;
using Pipeline.Data;
using Pipeline.Onnx.Proto;

namespace Pipeline.Onnx.Optimization.Adoption;

/// <summary>
/// Makes a model from another exporter (PyTorch's <c>torch.onnx.export</c>, say) one the project's ML.NET transforms,
/// CLI and cluster run like their own: reads its interface, finds what its graph says (channels, sizes, the value
/// range its last operator implies), takes the rest from <see cref="AdoptionSettings"/>, writes our pipeline.*
/// metadata into a copy (optionally with the ONNX Runtime CPU rewrites), checks in ONNX Runtime that the copy gives
/// the original's outputs, and only then writes it.
/// </summary>
public static class OnnxAdoption
{
    /// <summary>Adopts <paramref name="inputPath"/> into <paramref name="outputPath"/> (temp file + rename: nothing half-written).</summary>
    /// <exception cref="FileNotFoundException">No such input file.</exception>
    /// <exception cref="InvalidDataException">The file is not an ONNX model, its interface does not fit the role, or a setting it needs is missing.</exception>
    /// <exception cref="NotSupportedException">A role adoption does not handle yet.</exception>
    /// <exception cref="OnnxVerificationException">The copy disagrees with the original; nothing is written.</exception>
    public static AdoptionReport Adopt(string inputPath, string outputPath, AdoptionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Role != OnnxMetadataKeys.Roles.Translator)
        {
            throw new NotSupportedException($"adopting a '{settings.Role}' is not supported yet; roles: {OnnxMetadataKeys.Roles.Translator}.");
        }

        var original = OnnxFile.Read(inputPath);
        var notes = new List<string>();
        var image = TranslatorInterface.Read(original, inputPath, settings, notes);
        var range = settings.ValueRange ?? OutputRange.Guess(original, image.OutputName, inputPath, notes);
        var adopted = original.Clone();
        var rewrites = settings.Optimize ? new GraphRewrites().Apply(adopted.Graph) : new Dictionary<string, int>();
        var metadata = Metadata(settings, image, range, Path.GetFileNameWithoutExtension(inputPath));
        foreach (var key in adopted.MetadataProps.Where(p => p.Key.StartsWith(OnnxMetadataKeys.Prefix, StringComparison.Ordinal)).ToArray())
        {
            adopted.MetadataProps.Remove(key);
        }

        adopted.MetadataProps.AddRange(metadata.Select(p => new StringStringEntryProto { Key = p.Key, Value = p.Value }));
        var bytes = adopted.ToByteArray();
        var differences = Verify(original, bytes, inputPath, outputPath, image, settings.Tolerance);
        var path = Path.GetFullPath(outputPath);
        AtomicFile.Write(path, stream => stream.Write(bytes));
        return new AdoptionReport(path, metadata, notes, differences, rewrites);
    }

    private static SortedDictionary<string, string> Metadata(AdoptionSettings settings, TranslatorInterface image, (double Min, double Max) range, string source)
    {
        string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
        var metadata = new OnnxModelMetadata
        {
            ModelFamily = settings.Family,
            Role = settings.Role,
            ImageChannels = image.Channels,
            ImageHeight = image.Height,
            ImageWidth = image.Width,
            ValueRange = range,
            Normalization = "none",
            TrainingRunId = source,
            Extra = new Dictionary<string, string>
            {
                [OnnxMetadataKeys.Translation.OutputChannels] = Text(image.OutputChannels),
                [OnnxMetadataKeys.Translation.OutputHeight] = Text(image.OutputHeight),
                [OnnxMetadataKeys.Translation.OutputWidth] = Text(image.OutputWidth),
                [OnnxMetadataKeys.Translation.DynamicSize] = image.DynamicSize ? "true" : "false",
            },
        };
        return new SortedDictionary<string, string>(metadata.ToProperties().ToDictionary(), StringComparer.Ordinal);
    }

    private static Dictionary<string, double> Verify(ModelProto original, byte[] adopted, string inputPath, string outputPath, TranslatorInterface image, double tolerance)
    {
        var options = new OnnxOptimizationOptions { Sizes = image.SymbolicSizes, Tolerance = tolerance };
        var inputs = new RandomInputs(original, inputPath, options);
        using var before = OnnxParity.Load(original.ToByteArray(), why => new InvalidDataException($"{inputPath}: ONNX Runtime cannot load it: {why}"));
        using var after = OnnxParity.Load(adopted, why => new OnnxVerificationException($"{inputPath}: ONNX Runtime cannot load the adopted copy ({why}); {outputPath} was not written."));
        var differences = OnnxParity.MaxDifferences(before, after, inputs, options);
        var failed = differences.Where(d => !(d.Value <= tolerance)).ToArray();
        return failed.Length == 0
            ? differences
            : throw new OnnxVerificationException($"{inputPath}: the adopted copy differs from the original in ONNX Runtime: " +
                string.Join(", ", failed.Select(d => $"'{d.Key}' max |Δ| = {d.Value:G3} (tolerance {tolerance:G3})")) + $". {outputPath} was not written.");
    }
}
