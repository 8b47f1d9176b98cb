using Pipeline.Data.Translation;
using Pipeline.Training.Classifiers;

namespace Pipeline.Application.Translation;

/// <summary>What a translation recipe trains on: both domains' training and test images, and the judging classifier when the content loss needs one.</summary>
/// <param name="Train">Training images of domains A and B.</param>
/// <param name="Test">Test images of domains A and B.</param>
/// <param name="Judge">The classifier whose features the super-resolution content loss compares, or null.</param>
public sealed record TranslationTrainingData(TranslationImages Train, TranslationImages Test, TrainedClassifier? Judge) : IDisposable
{
    /// <inheritdoc />
    public void Dispose() => Judge?.Dispose();
}
