namespace Pipeline.Reports.Gallery;

/// <summary>One model as the gallery shows it: its catalog entry, its files and the speeds measured on them.</summary>
/// <param name="Entry">What the catalog says of it.</param>
/// <param name="Files">Its ONNX files.</param>
/// <param name="Speeds">Images per second through ML.NET (none when not measured).</param>
public sealed record GalleryModel(GalleryEntry Entry, IReadOnlyList<GalleryFile> Files, IReadOnlyList<GallerySpeed> Speeds);

/// <summary>One ONNX file of a model.</summary>
/// <param name="Name">File name.</param>
/// <param name="Role">Its <c>pipeline.role</c> metadata.</param>
/// <param name="Bytes">Its size.</param>
public sealed record GalleryFile(string Name, string Role, long Bytes);

/// <summary>One speed figure.</summary>
/// <param name="Transform">The ML.NET transform that made the images.</param>
/// <param name="File">The file (or folder) it ran.</param>
/// <param name="BatchSize">Rows per ONNX Runtime call.</param>
/// <param name="ImagesPerSecond">Images per second of wall time.</param>
public sealed record GallerySpeed(string Transform, string File, int BatchSize, double ImagesPerSecond);
