using Pipeline.Inference.Reconstruction;
using Pipeline.Inference.Sampling;
using Pipeline.Inference.Translation;

namespace Pipeline.Inference;

/// <summary>
/// What an app can do with exported models (a folder written by <c>pipeline export</c>, or an .onnx file) through ML.NET
/// and ONNX Runtime, without TorchSharp: sample, reconstruct, translate a folder. Models are found by their metadata
/// role; image shape, latent size and classes come from their metadata. A request the models cannot serve throws
/// <see cref="InvalidRequestException"/> before any work; a bad input file throws <see cref="InvalidDataException"/>.
/// </summary>
/// <example>
/// <code>
/// var report = ExportedModelOperations.Sample(new SampleRequest("onnx/cgan-fashion28", Count: 100, Seed: 1, Output: "cgan.png"));
/// var translation = ExportedModelOperations.OpenTranslation(new FolderTranslationRequest("onnx/edges2item-fashion28", "edges/", "items/") { Resize = ImageFit.Pad });
/// var translated = translation.Translate(new Progress&lt;int&gt;(n =&gt; Console.WriteLine($"{n}/{translation.Count}")));
/// </code>
/// </example>
public static class ExportedModelOperations
{
    /// <summary>
    /// Draws <see cref="SampleRequest.Count"/> images into a PNG grid and/or IDX files: from a generator or VAE decoder,
    /// z ~ N(0, τ²I) through <c>GenerateImages</c>; from a PixelCNN or VQ-VAE-2 export, <c>SampleImages</c> over
    /// (class, seed) rows with temperature, top-k, top-p and guidance, the same images <c>sample RUN</c> draws.
    /// </summary>
    public static SampleReport Sample(SampleRequest request) =>
        ExportedModelFiles.IsAutoregressive(request.Model) ? AutoregressiveSampling.Sample(request) : LatentSampling.Sample(request);

    /// <summary>
    /// Fashion-MNIST test images through the export's encoder and decoder in an ML.NET pipeline (LoadImages →
    /// ResizeImages → EncodeToLatent → DecodeFromLatent, or EncodeToCodes → DecodeFromCodes for a VQ-VAE-2), drawn as
    /// originals and reconstructions in alternating rows.
    /// </summary>
    public static ReconstructionReport Reconstruct(ReconstructRequest request) => ExportedReconstruction.Reconstruct(request);

    /// <summary>
    /// Finds the translator and checks every input image before anything is written (see <see cref="FolderTranslation"/>):
    /// each refused image is reported to <paramref name="warnings"/>, files that are no PNG/JPEG to <paramref name="notes"/>.
    /// Throws <see cref="InvalidDataException"/> listing the refused images unless the request skips them.
    /// <see cref="FolderTranslation.Translate"/> then writes the images.
    /// </summary>
    public static FolderTranslation OpenTranslation(FolderTranslationRequest request, IProgress<string>? notes = null, IProgress<string>? warnings = null) =>
        FolderTranslation.Open(request, notes, warnings);

    /// <summary><see cref="OpenTranslation"/> then <see cref="FolderTranslation.Translate"/>, for a caller that shows nothing in between.</summary>
    public static TranslationReport Translate(FolderTranslationRequest request, IProgress<int>? translated = null, IProgress<string>? notes = null, IProgress<string>? warnings = null) =>
        OpenTranslation(request, notes, warnings).Translate(translated);
}
