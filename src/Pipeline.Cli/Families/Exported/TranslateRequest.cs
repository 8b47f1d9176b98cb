using Pipeline.Inference.Images;

namespace Pipeline.Cli.Families.Exported;

/// <summary>What <c>translate</c> was asked: the images, where to write them, how to fit other sizes and whether bad inputs are skipped.</summary>
/// <param name="Input">An image file or a folder of them.</param>
/// <param name="OutputFolder">Where the translated images go, under their sources' names as PNG.</param>
/// <param name="Resize">How an image of another size than the model's is fitted to it; null refuses such images.</param>
/// <param name="SkipBad">Translate the good images when some cannot be (the run then still fails, listing them).</param>
internal sealed record TranslateRequest(string Input, string OutputFolder, ImageFit? Resize, bool SkipBad);
