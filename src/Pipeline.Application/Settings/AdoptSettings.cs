using System.Globalization;
using Pipeline.Onnx.Optimization.Adoption;

namespace Pipeline.Application.Settings;

/// <summary>The settings of <c>adopt</c> (another exporter's ONNX model made one of ours), read into <see cref="AdoptionSettings"/>.</summary>
public static class AdoptSettings
{
    private static readonly Setting<string> Role = new("--role", "what it does: translator (image → image), generator or decoder (latent → image)") { Required = true };
    private static readonly Setting<string?> ImageSize = new("--image-size", "HxW to run it at, needed when the graph's height and width are symbolic (e.g. 256x256)");
    private static readonly Setting<string?> Range = new("--range", "pixel range MIN,MAX of its images (default: from the output's Tanh → -1,1 or Sigmoid → 0,1)");
    private static readonly Setting<int> Scale = new("--scale", "output size over input size, for an upscaler with symbolic sizes") { Default = 1 };
    private static readonly Setting<bool> Optimize = new("--optimize", "also apply the ONNX Runtime CPU rewrites (pipeline optimize)");
    private static readonly Setting<int?> Classes = new("--classes", "classes of a generator with a class input");
    private static readonly Setting<string> ChannelOrder = new("--channel-order", "order of a colour model's channels: rgb, or bgr for a model trained on images as OpenCV loads them")
    {
        Default = "rgb", Choices = ["rgb", "bgr"], ChoicesIgnoreCase = true,
    };
    private static readonly Setting<string> Family = new("--family", "model family written to the metadata") { Default = "adopted" };

    /// <summary>--out: the folder the adopted model goes into.</summary>
    public static Setting<string> Output { get; } = new("--out", "the folder to write the adopted model into") { Required = true };

    /// <summary>The settings, in the order --help lists them.</summary>
    public static IReadOnlyList<Setting> All { get; } = [Role, Output, ImageSize, Range, Scale, Classes, ChannelOrder, Optimize, Family];

    /// <summary>The adoption <paramref name="v"/> describe; a bad value is an <see cref="ArgumentException"/> naming it.</summary>
    public static AdoptionSettings Adoption(ISettingValues v) => new(v.Get(Role))
    {
        ImageSize = v.Get(ImageSize) is { } s ? ParseSize(s) : null,
        ValueRange = v.Get(Range) is { } r ? ParseRange(r) : null,
        OutputScale = v.Get(Scale) is >= 1 and var k ? k : throw new ArgumentException("--scale must be at least 1."),
        ClassCount = v.Get(Classes) is { } c ? (c >= 1 ? c : throw new ArgumentException("--classes must be at least 1.")) : null,
        Bgr = string.Equals(v.Get(ChannelOrder), "bgr", StringComparison.OrdinalIgnoreCase),
        Optimize = v.Get(Optimize),
        Family = v.Get(Family),
    };

    private static (int, int) ParseSize(string text) =>
        text.Split('x', 'X') is [var h, var w] && int.TryParse(h, CultureInfo.InvariantCulture, out var height) && int.TryParse(w, CultureInfo.InvariantCulture, out var width) && height > 0 && width > 0
            ? (height, width)
            : throw new ArgumentException($"--image-size '{text}': expected HxW, e.g. 256x256.");

    private static (double, double) ParseRange(string text) =>
        text.Split(',') is [var a, var b] && double.TryParse(a, CultureInfo.InvariantCulture, out var min) && double.TryParse(b, CultureInfo.InvariantCulture, out var max) && max > min
            ? (min, max)
            : throw new ArgumentException($"--range '{text}': expected MIN,MAX with MAX > MIN, e.g. -1,1.");
}
