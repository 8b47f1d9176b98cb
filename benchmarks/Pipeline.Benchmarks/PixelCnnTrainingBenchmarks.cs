using BenchmarkDotNet.Attributes;
using Pipeline.Models.PixelCnn;
using Pipeline.Onnx.Summary;
using Pipeline.Training.PixelCnn;
using Pipeline.Training.Runs;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks;

/// <summary>
/// One step of <c>train pixelcnn --preset fashion28-small</c> (the default batch of 32: forward over every pixel,
/// 256-way cross-entropy, backward, Adam) through the shipped <see cref="PixelCnnRecipe.Step"/>. Utilisation uses
/// 3 × the MACs per image of the same preset's exported forward (pixelcnn.onnx): forward once, backward taken as twice
/// the forward.
/// </summary>
[BenchmarkCategory("PixelCNN training")]
public class PixelCnnTrainingBenchmarks : TrainingStepBenchmarks
{
    private PixelCnnRecipe _recipe = null!;

    /// <inheritdoc />
    public override IEnumerable<int> BatchSizes => [new PixelCnnTrainingOptions().BatchSize];

    /// <inheritdoc />
    protected override long Prepare()
    {
        var o = PixelCnnOptions.Fashion28Small;
        var images = RandomImages.Create(Batch * Batches, 1, o.Height, o.ClassCount);
        var config = new PixelCnnRunConfig(o, new PixelCnnTrainingOptions(Epochs: 1_000_000, BatchSize: Batch), new DataSource(DataSourceKind.Idx, "random images"));
        _recipe = new PixelCnnRecipe(config, images, images, CPU);
        return 3 * OnnxModelSummary.Read(Engines.BenchmarkModels.PixelCnnModel.File).MacsPerSample;
    }

    /// <inheritdoc />
    protected override double Step(long step) => _recipe.Step(step).NatsPerPosition;

    /// <inheritdoc />
    protected override void Release() => _recipe.Dispose();
}
