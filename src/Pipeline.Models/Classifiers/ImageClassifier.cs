namespace Pipeline.Models.Classifiers;

/// <summary>
/// A small CNN that judges generated images: two 3×3 conv + ReLU + 2×2 max-pool stages (32, 64 channels), a
/// 128-unit hidden layer (the feature space of the Fréchet distance) and a linear class head. About 91% test
/// accuracy on Fashion-MNIST after two epochs. Images (B, C, H, W) in [0, 1] → logits (B, classes).
/// </summary>
public sealed class ImageClassifier : Module<Tensor, Tensor>
{
    /// <summary>Width of <see cref="Features"/>.</summary>
    public const int FeatureSize = 128;

    private readonly Sequential features;
    private readonly Linear classify;

    /// <summary>A classifier for <paramref name="channels"/>×<paramref name="imageSize"/>² images (size a multiple of 4).</summary>
    public ImageClassifier(int channels, int imageSize, int classCount) : base(nameof(ImageClassifier))
    {
        if (imageSize % 4 != 0 || classCount < 2)
        {
            throw new ArgumentException($"The classifier needs an image size divisible by 4 and at least 2 classes, got {imageSize} and {classCount}.");
        }

        var reduced = imageSize / 4;
        features = Sequential(
            ("conv1", Conv2d(channels, 32, 3, padding: 1)),
            ("relu1", ReLU()),
            ("pool1", MaxPool2d(2)),                       // (B, 32, H/2, W/2)
            ("conv2", Conv2d(32, 64, 3, padding: 1)),
            ("relu2", ReLU()),
            ("pool2", MaxPool2d(2)),                       // (B, 64, H/4, W/4)
            ("flatten", Flatten()),
            ("hidden", Linear(64 * reduced * reduced, FeatureSize)),
            ("relu3", ReLU()));                            // (B, 128)
        classify = Linear(FeatureSize, classCount);
        RegisterComponents();
    }

    /// <summary>The penultimate activations (B, 128).</summary>
    public Tensor Features(Tensor images) => features.call(images);

    /// <summary>Logits (B, classes) from <see cref="Features"/>.</summary>
    public Tensor Classify(Tensor features) => classify.call(features);

    /// <inheritdoc />
    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        return classify.call(features.call(images)).MoveToOuterDisposeScope(); // (B, classes)
    }
}
