using Pipeline.Inference;
using Pipeline.Inference.Reconstruction;

namespace Pipeline.Cli.Families.Exported;

/// <summary>
/// Exported ONNX models (a folder written by <c>export</c>, or one .onnx file), run through ML.NET and ONNX Runtime
/// without TorchSharp (Pipeline.Inference). Recognised by the models' metadata roles, not by a run kind.
/// </summary>
internal static class ExportedModelFamily
{
    /// <summary>The family, ready for the registry.</summary>
    public static ModelFamily Create() => new(
        "onnx",
        "exported ONNX models run through ML.NET",
        [],
        [
            new ExportedSample(),

            // An exported VAE (EncodeToLatent → DecodeFromLatent) or VQ-VAE-2 (EncodeToCodes → DecodeFromCodes) in ML.NET.
            new ReconstructVerb((c, images) => InferenceRequests.Run(() => ExportedModelOperations.Reconstruct(new ReconstructRequest(c.Path, images, c.Output))).Picture),

            // LoadImages → ResizeImages → TranslateImages in ML.NET, each output written atomically.
            new TranslateVerb((c, request) => TranslateJob.Run(c.Path, request, c.Get(TranslationSettings.BatchSize), c.OnnxRuntime), TranslationSettings.BatchSize),
        ])
    {
        Recognised = ExportedModelFiles.IsOnnxModel,
    };
}
