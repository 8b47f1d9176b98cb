namespace Pipeline.Inference.Translation;

/// <summary>What a folder translation wrote.</summary>
/// <param name="ModelFile">The translator's .onnx file.</param>
/// <param name="OutputFolder">Where the images were written.</param>
/// <param name="Inputs">Images found in the input.</param>
/// <param name="Translated">Images translated and written.</param>
/// <param name="Skipped">Images refused and skipped (only with <see cref="FolderTranslationRequest.SkipBad"/>).</param>
/// <param name="Elapsed">Time of the translation pass (the check pass not included).</param>
/// <param name="BatchSize">Images per ONNX Runtime call.</param>
public sealed record TranslationReport(string ModelFile, string OutputFolder, int Inputs, int Translated, IReadOnlyList<RefusedImage> Skipped, TimeSpan Elapsed, int BatchSize)
{
    /// <summary>Null when every input was translated; else "translated 3 of 5 images; skipped 2: ..." naming them.</summary>
    public string? SkippedMessage => Skipped.Count == 0 ? null
        : $"translated {Translated} of {RefusedImage.Images(Inputs)}; skipped {Skipped.Count}: {RefusedImage.Listing(Skipped)}";
}
