using Pipeline.Inference;
using Pipeline.Inference.Translation;
using Pipeline.MLNet;

namespace Pipeline.Cli.Families.Exported;

/// <summary>
/// <c>translate</c> through Pipeline.Inference's <see cref="FolderTranslation"/>: every input checked first (refused
/// ones as warnings), then a progress bar while the images are written, the speed, and exit code 1 naming the images
/// <c>--skip-bad</c> skipped.
/// </summary>
internal static class TranslateJob
{
    public static void Run(string model, TranslateRequest request, int batchSize, OnnxRuntimeOptions? runtime = null)
    {
        var translation = InferenceRequests.Run(() => ExportedModelOperations.OpenTranslation(
            new FolderTranslationRequest(model, request.Input, request.OutputFolder) { Resize = request.Resize, SkipBad = request.SkipBad, BatchSize = batchSize, Runtime = runtime },
            Terminal.Notes,
            Terminal.Warnings));
        TranslationReport? report = null;
        CountProgressBar.Run($"translate {Path.GetFileName(translation.ModelFile)}", translation.Count, "images", done => report = translation.Translate(new Reported<int>(done)));
        var seconds = report!.Elapsed.TotalSeconds;
        Terminal.Info($"{report.Translated} images through {Path.GetFileName(report.ModelFile)} in {seconds:F1} s ({report.Translated / seconds:F0} images/s, ML.NET, batch {report.BatchSize})");
        Terminal.Wrote("translated images", report.OutputFolder);
        if (report.SkippedMessage is { } skipped)
        {
            throw new InvalidDataException(skipped);
        }
    }
}
