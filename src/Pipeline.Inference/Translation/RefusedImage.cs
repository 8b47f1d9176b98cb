namespace Pipeline.Inference.Translation;

/// <summary>An input image that cannot be translated, and why, in words a user can act on ("truncated PNG (120 bytes)").</summary>
/// <param name="Path">The image file.</param>
/// <param name="Reason">What is wrong with it.</param>
public sealed record RefusedImage(string Path, string Reason)
{
    private const int Listed = 10;

    /// <summary>"cut.png: truncated PNG (120 bytes); notes.png: not an image ...", the first ten, then how many more.</summary>
    public static string Listing(IReadOnlyList<RefusedImage> refused) =>
        string.Join("; ", refused.Take(Listed).Select(r => $"{System.IO.Path.GetFileName(r.Path)}: {r.Reason}"))
        + (refused.Count > Listed ? $"; and {refused.Count - Listed} more (listed above)" : "");

    /// <summary>"1 image" or "N images".</summary>
    internal static string Images(int count) => count == 1 ? "1 image" : $"{count} images";
}
