using System.Reflection;

namespace Pipeline.Onnx;

/// <summary>Opset and IR versions the exporter writes.</summary>
public static class OnnxVersions
{
    /// <summary>
    /// Opset 17: the newest that Debian's ONNX 1.12 checker validates, and the first with LayerNormalization.
    /// ONNX Runtime 1.31 runs up to <see cref="MaxOpset"/>.
    /// </summary>
    public const int DefaultOpset = 17;

    /// <summary>Oldest opset the converters target (LayerNormalization needs 17).</summary>
    public const int MinOpset = 17;

    /// <summary>Newest opset ONNX Runtime 1.31 loads.</summary>
    public const int MaxOpset = 26;

    /// <summary>
    /// The IR version released together with <paramref name="opset"/> (ONNX's docs/Versioning.md table): a model must
    /// not claim an older IR than its opset's, and a newer one would shut out older runtimes for no gain.
    /// </summary>
    public static int IrVersionFor(int opset) => opset switch
    {
        <= 18 => 8,
        <= 20 => 9,
        <= 22 => 10,
        23 => 11,
        <= 25 => 12,
        _ => 13,
    };

    /// <summary>Written to producer_version and to <see cref="OnnxMetadataKeys.ExporterVersion"/>.</summary>
    public static string ExporterVersion { get; } =
        typeof(OnnxVersions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>Throws when <paramref name="opset"/> is outside what the writer and ONNX Runtime support.</summary>
    public static void RequireSupported(int opset)
    {
        if (opset < MinOpset || opset > MaxOpset)
        {
            throw new ArgumentOutOfRangeException(nameof(opset), opset, $"Opset must be between {MinOpset} and {MaxOpset}.");
        }
    }
}
