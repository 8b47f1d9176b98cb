using System.Globalization;
using Google.Protobuf;
using Pipeline.Data;

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
        var original = OnnxFile.Read(inputPath);
        var notes = new List<string>();
        var (output, metadata, symbolic) = settings.Role switch
        {
            OnnxMetadataKeys.Roles.Translator => Translator(original, inputPath, settings, notes),
            OnnxMetadataKeys.Roles.Generator or OnnxMetadataKeys.Roles.Decoder => Latent(original, inputPath, settings),
            _ => throw new NotSupportedException($"adopting a '{settings.Role}' is not supported; roles: translator, generator, decoder."),
        };
        if (settings.ValueRange is { } given)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"value range [{given.Min}, {given.Max}] as given (--range); the graph's last operator does not bound it"));
        }

        var range = settings.ValueRange ?? OutputRange.Guess(original, output, inputPath, notes);
        if (settings.Bgr && metadata.ImageChannels != 3)
        {
            throw new InvalidDataException($"{inputPath}: its images have {metadata.ImageChannels} channel(s); only colour images have a channel order (--channel-order bgr).");
        }

        if (settings.Bgr)
        {
            notes.Add("colour channels in blue, green, red order as given (--channel-order bgr): the transforms read and write images that way");
        }

        metadata = metadata with
        {
            ModelFamily = settings.Family, Role = settings.Role, ValueRange = range, Normalization = "none", TrainingRunId = Path.GetFileNameWithoutExtension(inputPath),
            ChannelOrder = settings.Bgr ? "bgr" : null,
        };
        var adopted = original.Clone();
        var rewrites = settings.Optimize ? new GraphRewrites().Apply(adopted.Graph) : new Dictionary<string, int>();
        var properties = new SortedDictionary<string, string>(metadata.ToProperties().ToDictionary(), StringComparer.Ordinal);
        foreach (var key in adopted.MetadataProps.Where(p => p.Key.StartsWith(OnnxMetadataKeys.Prefix, StringComparison.Ordinal)).ToArray())
        {
            adopted.MetadataProps.Remove(key);
        }

        adopted.MetadataProps.AddRange(properties.Select(p => new StringStringEntryProto { Key = p.Key, Value = p.Value }));
        var bytes = adopted.ToByteArray();
        var differences = Verify(original, bytes, inputPath, outputPath, symbolic, settings.Tolerance);
        if (settings.Role == OnnxMetadataKeys.Roles.Translator)
        {
            CheckOutputSize(bytes, original, metadata, inputPath, outputPath, symbolic);
        }

        var path = Path.GetFullPath(outputPath);
        AtomicFile.Write(path, stream => stream.Write(bytes));
        return new AdoptionReport(path, properties, notes, differences, rewrites);
    }

    private static (string Output, OnnxModelMetadata Metadata, IReadOnlyDictionary<string, long> Symbolic) Translator(ModelProto model, string path, AdoptionSettings settings, List<string> notes)
    {
        string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
        var image = TranslatorInterface.Read(model, path, settings, notes);
        var metadata = new OnnxModelMetadata
        {
            ImageChannels = image.Channels,
            ImageHeight = image.Height,
            ImageWidth = image.Width,
            Extra = new Dictionary<string, string>
            {
                [OnnxMetadataKeys.Translation.OutputChannels] = Text(image.OutputChannels),
                [OnnxMetadataKeys.Translation.OutputHeight] = Text(image.OutputHeight),
                [OnnxMetadataKeys.Translation.OutputWidth] = Text(image.OutputWidth),
                [OnnxMetadataKeys.Translation.DynamicSize] = image.DynamicSize ? "true" : "false",
            },
        };
        return (image.OutputName, metadata, image.SymbolicSizes);
    }

    private static (string Output, OnnxModelMetadata Metadata, IReadOnlyDictionary<string, long> Symbolic) Latent(ModelProto model, string path, AdoptionSettings settings)
    {
        var latent = LatentInterface.Read(model, path);
        if (latent.ClassConditional && settings.ClassCount is null)
        {
            throw new InvalidDataException($"{path}: the model takes a class input; give the number of classes (--classes N).");
        }

        var metadata = new OnnxModelMetadata
        {
            ImageChannels = latent.Channels,
            ImageHeight = latent.Height,
            ImageWidth = latent.Width,
            LatentSize = latent.LatentSize,
            ClassCount = latent.ClassConditional ? settings.ClassCount : null,
        };
        return (latent.OutputName, metadata, new Dictionary<string, long>());
    }

    // A symbolic output size is the input's times --scale in the metadata; one run at the size the transforms use tells
    // whether that holds, so a forgotten --scale is refused here rather than failing in every transform later.
    private static void CheckOutputSize(byte[] adopted, ModelProto original, OnnxModelMetadata metadata, string inputPath, string outputPath, IReadOnlyDictionary<string, long> symbolic)
    {
        int Number(string key) => int.Parse(metadata.Extra[key], CultureInfo.InvariantCulture);
        var expected = new long[] { 1, Number(OnnxMetadataKeys.Translation.OutputChannels), Number(OnnxMetadataKeys.Translation.OutputHeight), Number(OnnxMetadataKeys.Translation.OutputWidth) };
        var inputs = new RandomInputs(original, inputPath, new OnnxOptimizationOptions { Sizes = symbolic });
        using var session = OnnxParity.Load(adopted, why => new OnnxVerificationException($"{inputPath}: ONNX Runtime cannot load the adopted copy ({why}); {outputPath} was not written."));
        var values = inputs.Create(1, new Random(0));
        try
        {
            using var run = new Microsoft.ML.OnnxRuntime.RunOptions();
            using var results = session.Run(run, inputs.Names, values, session.OutputMetadata.Keys.ToArray());
            var actual = results[0].GetTensorTypeAndShape().Shape;
            if (!actual.SequenceEqual(expected))
            {
                var height = metadata.ImageHeight!.Value;
                var scale = actual.Length == 4 && actual[2] > height && actual[2] % height == 0 ? $"; for a ×{actual[2] / height} upscaler give --scale {actual[2] / height}" : "";
                throw new InvalidDataException($"{inputPath}: at {height}x{metadata.ImageWidth} the model gives [{string.Join(", ", actual)}], " +
                    $"not the [{string.Join(", ", expected)}] the metadata would say{scale}. {outputPath} was not written.");
            }
        }
        finally
        {
            foreach (var value in values)
            {
                value.Dispose();
            }
        }
    }

    private static Dictionary<string, double> Verify(ModelProto original, byte[] adopted, string inputPath, string outputPath, IReadOnlyDictionary<string, long> symbolic, double tolerance)
    {
        var options = new OnnxOptimizationOptions { Sizes = symbolic, Tolerance = tolerance };
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
