using Pipeline.Export;

namespace Pipeline.Application.PixelCnn;

/// <summary>What a PixelCNN export wrote: the verified pixelcnn.onnx and its model card (its logits are no image, so no plain ML.NET zip).</summary>
/// <param name="RunId">The run the weights came from.</param>
/// <param name="Model">pixelcnn.onnx and its parity with TorchSharp.</param>
/// <param name="ModelCard">MODEL_CARD.md.</param>
public sealed record PixelCnnExportReport(string RunId, OnnxExportReport Model, string ModelCard);
