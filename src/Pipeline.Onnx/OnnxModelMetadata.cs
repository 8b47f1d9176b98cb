using System.Globalization;
using System.Text.Json;

namespace Pipeline.Onnx;

/// <summary>
/// What a consumer of an exported model needs to know beyond the graph; written to metadata_props under the keys of
/// <see cref="OnnxMetadataKeys"/>. Unset values are not written.
/// </summary>
/// <example>
/// <code>
/// var metadata = new OnnxModelMetadata
/// {
///     ModelFamily = "vae", Role = OnnxMetadataKeys.Roles.Decoder,
///     ImageChannels = 1, ImageHeight = 28, ImageWidth = 28, ValueRange = (0, 1), LatentSize = 20,
/// };
/// </code>
/// </example>
public sealed record OnnxModelMetadata
{
    /// <summary>Model family, e.g. "vae".</summary>
    public string? ModelFamily { get; init; }

    /// <summary>The graph's role, one of <see cref="OnnxMetadataKeys.Roles"/>.</summary>
    public string? Role { get; init; }

    /// <summary>Image channels.</summary>
    public int? ImageChannels { get; init; }

    /// <summary>Image height.</summary>
    public int? ImageHeight { get; init; }

    /// <summary>Image width.</summary>
    public int? ImageWidth { get; init; }

    /// <summary>Range of pixel values, e.g. (0, 1).</summary>
    public (double Min, double Max)? ValueRange { get; init; }

    /// <summary>Pixel normalisation applied before training, e.g. "none".</summary>
    public string? Normalization { get; init; }

    /// <summary>Order of a colour image's channels: "rgb" or "bgr" (<see cref="OnnxMetadataKeys.ChannelOrder"/>); null means rgb.</summary>
    public string? ChannelOrder { get; init; }

    /// <summary>
    /// Whether the colour channels are blue, green, red; throws naming <paramref name="source"/> and the key when it
    /// holds anything but rgb or bgr.
    /// </summary>
    public bool IsBgr(string source) => ChannelOrder switch
    {
        null or "rgb" => false,
        "bgr" => true,
        _ => throw new InvalidDataException($"{source}: {OnnxMetadataKeys.ChannelOrder} is '{ChannelOrder}'; expected 'rgb' or 'bgr'."),
    };

    /// <summary>Latent dimension.</summary>
    public int? LatentSize { get; init; }

    /// <summary>Number of classes.</summary>
    public int? ClassCount { get; init; }

    /// <summary>The classes' names in label order; null when the exporter did not know them.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>Training run identifier.</summary>
    public string? TrainingRunId { get; init; }

    /// <summary>Exporter version; the exporter fills it when left null.</summary>
    public string? ExporterVersion { get; init; }

    /// <summary>Further key/value pairs, written as given.</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    /// <summary>The set values as metadata_props entries.</summary>
    public IReadOnlyDictionary<string, string> ToProperties()
    {
        var properties = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Put(string key, object? value)
        {
            if (value is not null)
            {
                properties[key] = Convert.ToString(value, CultureInfo.InvariantCulture)!;
            }
        }

        Put(OnnxMetadataKeys.ModelFamily, ModelFamily);
        Put(OnnxMetadataKeys.Role, Role);
        Put(OnnxMetadataKeys.ImageChannels, ImageChannels);
        Put(OnnxMetadataKeys.ImageHeight, ImageHeight);
        Put(OnnxMetadataKeys.ImageWidth, ImageWidth);
        Put(OnnxMetadataKeys.ValueRange, ValueRange is { } range ? string.Create(CultureInfo.InvariantCulture, $"{range.Min},{range.Max}") : null);
        Put(OnnxMetadataKeys.Normalization, Normalization);
        Put(OnnxMetadataKeys.ChannelOrder, ChannelOrder);
        Put(OnnxMetadataKeys.LatentSize, LatentSize);
        Put(OnnxMetadataKeys.ClassCount, ClassCount);
        Put(OnnxMetadataKeys.ClassNames, ClassNames is null ? null : JsonSerializer.Serialize(ClassNames));
        Put(OnnxMetadataKeys.TrainingRunId, TrainingRunId);
        Put(OnnxMetadataKeys.ExporterVersion, ExporterVersion);
        foreach (var (key, value) in Extra)
        {
            properties[key] = value;
        }

        return properties;
    }

    /// <summary>Reads the known keys back from metadata_props; unknown keys go to <see cref="Extra"/>.</summary>
    public static OnnxModelMetadata FromProperties(IReadOnlyDictionary<string, string> properties)
    {
        string? Text(string key) => properties.TryGetValue(key, out var value) ? value : null;
        int? Integer(string key) => Text(key) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;

        (double, double)? range = null;
        if (Text(OnnxMetadataKeys.ValueRange) is { } text && text.Split(',') is [var min, var max])
        {
            range = (double.Parse(min, CultureInfo.InvariantCulture), double.Parse(max, CultureInfo.InvariantCulture));
        }

        var known = typeof(OnnxMetadataKeys).GetFields()
            .Where(f => f.IsLiteral && f.Name != nameof(OnnxMetadataKeys.Prefix))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);
        return new OnnxModelMetadata
        {
            ModelFamily = Text(OnnxMetadataKeys.ModelFamily),
            Role = Text(OnnxMetadataKeys.Role),
            ImageChannels = Integer(OnnxMetadataKeys.ImageChannels),
            ImageHeight = Integer(OnnxMetadataKeys.ImageHeight),
            ImageWidth = Integer(OnnxMetadataKeys.ImageWidth),
            ValueRange = range,
            Normalization = Text(OnnxMetadataKeys.Normalization),
            ChannelOrder = Text(OnnxMetadataKeys.ChannelOrder),
            LatentSize = Integer(OnnxMetadataKeys.LatentSize),
            ClassCount = Integer(OnnxMetadataKeys.ClassCount),
            ClassNames = Text(OnnxMetadataKeys.ClassNames) is { } names ? JsonSerializer.Deserialize<string[]>(names) : null,
            TrainingRunId = Text(OnnxMetadataKeys.TrainingRunId),
            ExporterVersion = Text(OnnxMetadataKeys.ExporterVersion),
            Extra = properties.Where(p => !known.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        };
    }
}
