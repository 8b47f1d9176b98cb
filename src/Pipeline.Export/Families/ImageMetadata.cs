namespace Pipeline.Export.Families;

/// <summary>
/// The metadata every exported image model of the project starts from: pixels in [0, 1] with no normalisation, the
/// image's shape and the run it came from. A family adds its role, latents, classes and own keys with <c>with</c>.
/// </summary>
internal static class ImageMetadata
{
    /// <summary>Images of <paramref name="channels"/> × <paramref name="height"/> × <paramref name="width"/> in [0, 1] from run <paramref name="runId"/>.</summary>
    public static OnnxModelMetadata UnitRange(string modelFamily, int channels, int height, int width, string runId) => new()
    {
        ModelFamily = modelFamily,
        ImageChannels = channels,
        ImageHeight = height,
        ImageWidth = width,
        ValueRange = (0, 1),
        Normalization = "none",
        TrainingRunId = runId,
    };

    /// <summary>
    /// The class count of a conditional model (<paramref name="classCount"/> &gt; 0; none otherwise) and the classes'
    /// names when there is one per class, for pictures that name their rows.
    /// </summary>
    public static OnnxModelMetadata WithClasses(this OnnxModelMetadata metadata, int classCount, IReadOnlyList<string>? classNames) => metadata with
    {
        ClassCount = classCount > 0 ? classCount : null,
        ClassNames = classCount > 0 && classNames?.Count == classCount ? classNames : null,
    };
}
