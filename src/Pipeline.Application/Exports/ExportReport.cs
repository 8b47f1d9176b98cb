using Pipeline.Inference.Pictures;
using Pipeline.Export;

namespace Pipeline.Application.Exports;

/// <summary>What an export wrote: verified ONNX files, the plain ML.NET zip beside them and the model card.</summary>
/// <param name="RunId">The run the weights came from.</param>
/// <param name="Files">Each ONNX file with its role (e.g. "encoder") and its parity with TorchSharp.</param>
/// <param name="PlainMlNetZip">The zip a plain ML.NET app loads with <c>mlContext.Model.Load</c>.</param>
/// <param name="ModelCard">MODEL_CARD.md.</param>
public sealed record ExportReport(string RunId, IReadOnlyList<(string Role, OnnxExportReport File)> Files, string PlainMlNetZip, string ModelCard)
{
    /// <summary>Pictures drawn from the exported files, e.g. a translator's panels made through ML.NET.</summary>
    public IReadOnlyList<Picture> Pictures { get; init; } = [];

    /// <summary>Figures measured on the exported files, one line each, e.g. their speed in ML.NET.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
