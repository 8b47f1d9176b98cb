using BenchmarkDotNet.Attributes;
using Pipeline.Models.Vae;
using Pipeline.Onnx.Summary;
using Pipeline.Training.Runs;
using Pipeline.Training.Vae;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks;

/// <summary>
/// One step of <c>train vae</c> (the lecture's 784-400-20 VAE at its default batch of 128: batch gathering, step
/// seed, learning-rate schedule, forward, backward, Adam) through the shipped <see cref="VaeRecipe.Step"/>.
/// Utilisation uses 3 × the MACs per image of the exported encoder and decoder (forward once, backward taken as twice
/// the forward); the decoder's forward alone is in the engine benchmarks.
/// </summary>
[BenchmarkCategory("VAE training")]
public class VaeTrainingBenchmarks : TrainingStepBenchmarks
{
    private VaeRecipe _recipe = null!;

    /// <inheritdoc />
    public override IEnumerable<int> BatchSizes => [new VaeTrainingOptions().BatchSize];

    /// <inheritdoc />
    protected override long Prepare()
    {
        var o = VaeOptions.Lecture;
        var images = RandomImages.Create(Batch * Batches, o.Channels, o.ImageSize);
        var config = new VaeRunConfig(o, new VaeTrainingOptions(Epochs: 1_000_000, BatchSize: Batch), new DataSource(DataSourceKind.Idx, "random images"));
        _recipe = new VaeRecipe(config, images, images, CPU);
        var files = Engines.BenchmarkModels.Vae.Files;
        return 3 * (OnnxModelSummary.Read(files.Encoder.Path).MacsPerSample + OnnxModelSummary.Read(files.Decoder.Path).MacsPerSample);
    }

    /// <inheritdoc />
    protected override double Step(long step) => _recipe.Step(step).Loss;

    /// <inheritdoc />
    protected override void Release() => _recipe.Dispose();
}
