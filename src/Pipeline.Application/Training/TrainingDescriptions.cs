using Pipeline.Data;

namespace Pipeline.Application.Training;

/// <summary>The phrases every family's <see cref="ITrainingPlan{TConfig, TData, TReport, TMetrics}.Describe"/> shares, so that all read alike.</summary>
public static class TrainingDescriptions
{
    /// <summary>"data: N training images CxHxW from path".</summary>
    public static string Data(ImageDataset train, string path) =>
        $"data: {train.Count} training images {train.Channels}x{train.Height}x{train.Width} from {path}";

    /// <summary>"data: N training and M test images CxHxW from path".</summary>
    public static string Data(ImageDataset train, ImageDataset test, string path) =>
        $"data: {train.Count} training and {test.Count} test images {train.Channels}x{train.Height}x{train.Width} from {path}";

    /// <summary>"class-conditional (N classes)" or "unconditional".</summary>
    public static string Conditioning(bool conditional, int classCount) => conditional ? $"class-conditional ({classCount} classes)" : "unconditional";
}
