namespace Pipeline.Reports;

/// <summary>A captioned picture on a <see cref="RunPage"/>.</summary>
/// <param name="Caption">The text under the picture, also its alt text.</param>
/// <param name="Path">The image file (PNG, JPEG, GIF or SVG).</param>
public sealed record RunPageImage(string Caption, string Path);
