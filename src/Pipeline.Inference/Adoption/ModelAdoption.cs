using System.Globalization;
using Pipeline.MLNet;
using Pipeline.Onnx;
using Pipeline.Onnx.Optimization.Adoption;

namespace Pipeline.Inference.Adoption;

/// <summary>
/// Another exporter's model made a folder like the ones <c>pipeline export</c> writes: <c>ROLE.onnx</c> with our
/// metadata (checked against the original in ONNX Runtime, <see cref="OnnxAdoption"/>), the plain ML.NET zip with its
/// expected outputs, and <c>MODEL_CARD.md</c>.
/// </summary>
public static class ModelAdoption
{
    /// <summary>Adopts <paramref name="file"/> into <paramref name="folder"/>.</summary>
    /// <exception cref="InvalidDataException">the file does not fit the role, or a setting it needs is missing; nothing is written.</exception>
    public static AdoptedModel Adopt(string file, string folder, AdoptionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var report = OnnxAdoption.Adopt(file, Path.Combine(folder, $"{settings.Role}.onnx"), settings);

        // Expected outputs are stored as JSON text: fewer rows for large images keep the file small.
        var plain = PlainMlNetModel.Write(folder, rows: Math.Clamp(50_000 / Values(report), 1, 4));
        var card = AdoptionCard.Write(folder, file, report, plain.CardSection());
        return new AdoptedModel(report, plain, card);
    }

    private static int Values(AdoptionReport report) =>
        new[] { OnnxMetadataKeys.ImageChannels, OnnxMetadataKeys.ImageHeight, OnnxMetadataKeys.ImageWidth }
            .Aggregate(1, (product, key) => product * int.Parse(report.Metadata[key], CultureInfo.InvariantCulture));
}

/// <summary>What <see cref="ModelAdoption.Adopt"/> wrote.</summary>
/// <param name="Report">The adopted file, its metadata, the notes and the parity check.</param>
/// <param name="Plain">The plain ML.NET zip and its expected outputs.</param>
/// <param name="CardPath">MODEL_CARD.md.</param>
public sealed record AdoptedModel(AdoptionReport Report, PlainMlNetModel Plain, string CardPath);
