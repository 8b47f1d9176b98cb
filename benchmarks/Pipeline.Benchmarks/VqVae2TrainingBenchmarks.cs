using BenchmarkDotNet.Attributes;
using Pipeline.Models.VqVae2;
using Pipeline.Onnx.Summary;
using Pipeline.Training.Runs;
using Pipeline.Training.VqVae2;
using static TorchSharp.torch;

namespace Pipeline.Benchmarks;

/// <summary>
/// One step of <c>train vqvae2</c> (preset fashion28, the default batch of 64: encoder, both quantisers with their
/// EMA codebook updates and dead-code restarts, decoder, MSE + commitment, backward, Adam) through the shipped
/// <see cref="VqVae2Recipe.Step"/>. Utilisation uses 3 × (encoder.onnx + decoder.onnx) MACs per image of the same
/// preset's export: the encoder runs to both code grids (the top decoder that conditions the bottom level and the
/// quantisers' distance products included), the decoder from the codes; together that is the training forward, and
/// the backward is taken as twice the forward. The EMA updates and the codebook gathers are not counted.
/// </summary>
[BenchmarkCategory("VQ-VAE-2 training")]
public class VqVae2TrainingBenchmarks : TrainingStepBenchmarks
{
    private VqVae2Recipe _recipe = null!;

    /// <inheritdoc />
    public override IEnumerable<int> BatchSizes => [new VqVae2TrainingOptions().BatchSize];

    /// <inheritdoc />
    protected override long Prepare()
    {
        var o = VqVae2Options.Fashion28;
        var images = RandomImages.Create(Batch * Batches, o.Channels, o.ImageSize);
        var config = new VqVae2RunConfig(o, new VqVae2TrainingOptions(Epochs: 1_000_000, BatchSize: Batch), new DataSource(DataSourceKind.Idx, "random images"));
        _recipe = new VqVae2Recipe(config, images, images, CPU);
        var files = Engines.BenchmarkModels.VqVae2.Files;
        return 3 * (OnnxModelSummary.Read(files.Encoder.Path).MacsPerSample + OnnxModelSummary.Read(files.Decoder.Path).MacsPerSample);
    }

    /// <inheritdoc />
    protected override double Step(long step) => _recipe.Step(step).Loss;

    /// <inheritdoc />
    protected override void Release() => _recipe.Dispose();
}
