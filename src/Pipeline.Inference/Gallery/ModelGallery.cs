using Pipeline.MLNet.Measurement;
using Pipeline.Onnx;
using Pipeline.Reports.Gallery;

namespace Pipeline.Inference.Gallery;

/// <summary>
/// The models of a folder as the gallery shows them: its <c>gallery.json</c> catalog, each model's ONNX files with
/// their roles and sizes, and (when asked) its speed through ML.NET at batch 1 and 64.
/// </summary>
public static class ModelGallery
{
    /// <summary>The batch sizes speeds are measured at.</summary>
    public static IReadOnlyList<int> BatchSizes { get; } = [1, 64];

    /// <summary>Reads the catalog and the files of <paramref name="modelsFolder"/>, timing each model when <paramref name="measure"/>.</summary>
    /// <param name="modelsFolder">The folder of model folders, e.g. <c>onnx</c>.</param>
    /// <param name="measure">Time each model through ML.NET (a few seconds each).</param>
    /// <param name="threads">ONNX Runtime threads for the timing; 0 is one per core.</param>
    /// <param name="notes">Told which model is being timed, and of folders with ONNX files that the catalog does not list.</param>
    public static IReadOnlyList<GalleryModel> Read(string modelsFolder, bool measure, int threads = 0, IProgress<string>? notes = null)
    {
        var catalog = GalleryCatalog.Read(modelsFolder);
        var listed = catalog.Models.Select(m => m.Folder).ToHashSet(StringComparer.Ordinal);
        foreach (var unlisted in Directory.GetDirectories(modelsFolder).Where(d => Directory.GetFiles(d, "*.onnx").Length > 0).Select(Path.GetFileName).Where(d => !listed.Contains(d!)))
        {
            notes?.Report($"{Path.Combine(modelsFolder, unlisted!)} holds ONNX files but has no entry in {Path.Combine(modelsFolder, GalleryCatalog.FileName)}.");
        }

        return catalog.Models.Select(entry =>
        {
            var folder = Path.Combine(modelsFolder, entry.Folder);
            var files = Directory.GetFiles(folder, "*.onnx").Order(StringComparer.Ordinal).Select(f => new GalleryFile(
                Path.GetFileName(f),
                OnnxModelMetadata.FromProperties(OnnxFile.Metadata(OnnxFile.Read(f))).Role ?? "no role",
                new FileInfo(f).Length)).ToArray();
            if (!measure)
            {
                return new GalleryModel(entry, files, []);
            }

            notes?.Report($"timing {entry.Folder} through ML.NET at batch {string.Join(" and ", BatchSizes)}");
            var speeds = ExportThroughput.Measure(folder, BatchSizes, threads: threads).Select(s => new GallerySpeed(s.Task, s.File, s.BatchSize, s.ImagesPerSecond)).ToArray();
            return new GalleryModel(entry, files, speeds);
        }).ToList();
    }
}
