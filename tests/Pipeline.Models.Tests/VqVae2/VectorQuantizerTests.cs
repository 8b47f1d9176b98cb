using Pipeline.Models.VqVae2;
using static TorchSharp.torch;

namespace Pipeline.Models.Tests.VqVae2;

[Collection(ProcessWideSeedCollection.Name)]
public sealed class VectorQuantizerTests
{
    [Fact]
    public void Each_vector_is_replaced_by_its_nearest_code()
    {
        // Given: four codes on the axes and vectors each closest to a known one.
        using var scope = NewDisposeScope();
        using var quantizer = WithCodes(new float[,] { { 1, 0 }, { 0, 1 }, { -1, 0 }, { 0, -1 } });
        quantizer.eval();
        var z = Grid(new float[,] { { 0.9f, 0.2f }, { -0.1f, -2f }, { -0.6f, 0.5f }, { 0.1f, 0.4f } }); // (1, 2, 2, 2)

        // When
        var (quantized, _, codes) = quantizer.call(z);

        // Then: codes 0, 3, 2, 1 and the quantised vectors are those codes.
        Assert.Equal(new long[] { 1, 2, 2 }, codes.shape);
        Assert.Equal(new long[] { 0, 3, 2, 1 }, codes.reshape(-1).data<long>().ToArray());
        var expected = Grid(new float[,] { { 1, 0 }, { 0, -1 }, { -1, 0 }, { 0, 1 } });
        Assert.True(quantized.allclose(expected, atol: 1e-6));
    }

    [Fact]
    public void The_gradient_passes_straight_through_the_quantiser()
    {
        using var scope = NewDisposeScope();
        using var quantizer = WithCodes(new float[,] { { 1, 0 }, { 0, 1 } });
        var z = randn(2, 2, 3, 3).requires_grad_();
        var weights = randn(2, 2, 3, 3);

        var (quantized, _, _) = quantizer.call(z);
        (quantized * weights).sum().backward();

        // d(Σ w·q)/dz = w exactly: the straight-through estimator copies the decoder's gradient to the encoder.
        Assert.True(z.grad!.allclose(weights, atol: 1e-6));
    }

    [Fact]
    public void Commitment_loss_is_beta_times_the_mean_squared_distance_to_the_chosen_codes()
    {
        using var scope = NewDisposeScope();
        using var quantizer = WithCodes(new float[,] { { 1, 0 }, { 0, 1 } });
        quantizer.eval();
        var z = Grid(new float[,] { { 2, 0 }, { 0, 3 } });  // distances² to codes 0 and 1: 1 and 4

        var (_, commitment, _) = quantizer.call(z);

        Assert.Equal(0.25 * (1 + 4) / 4.0, commitment.item<float>(), 6);
    }

    [Fact]
    public void Ema_update_moves_a_code_toward_its_assigned_vectors_only_in_training_mode()
    {
        // Given: vectors around (1, 1), all nearest code 0 at (0, 0); restarts off so only the EMA acts.
        using var scope = NewDisposeScope();
        using var quantizer = WithCodes(new float[,] { { 0, 0 }, { 10, 10 }, { -10, -10 } }, deadCodeThreshold: 0);
        var z = Grid(new float[,] { { 1.1f, 0.9f }, { 0.9f, 1.1f }, { 1f, 1f }, { 1f, 1f } });
        var target = tensor(new float[] { 1, 1 });

        // When: an eval-mode forward, then training-mode forwards.
        quantizer.eval();
        using (no_grad())
        {
            quantizer.call(z);
        }

        var afterEval = quantizer.Codebook[0].clone();
        quantizer.train();
        var distances = new List<double>();
        using (no_grad())
        {
            for (var i = 0; i < 5; i++)
            {
                quantizer.call(z);
                distances.Add((quantizer.Codebook[0] - target).norm().item<float>());
            }
        }

        // Then: eval left the code alone; training moved it closer every step, and codes 1 and 2 stayed put.
        Assert.True(afterEval.allclose(zeros(2)));
        Assert.True(distances[0] < Math.Sqrt(2) - 0.01, $"first step left the code at distance {distances[0]}");
        for (var i = 1; i < distances.Count; i++)
        {
            Assert.True(distances[i] < distances[i - 1], $"distance went from {distances[i - 1]} to {distances[i]}");
        }

        Assert.True(quantizer.Codebook[1].allclose(tensor(new float[] { 10, 10 }), atol: 1e-3));
    }

    [Fact]
    public void A_dead_code_is_restarted_at_a_recent_encoder_output()
    {
        // Given: code 1 far from every vector, so its EMA usage decays below the threshold after one step.
        using var scope = NewDisposeScope();
        manual_seed(5);
        using var quantizer = WithCodes(new float[,] { { 0, 0 }, { 50, 50 } }, deadCodeThreshold: 1.0);
        var vectors = new float[,] { { 1, 2 }, { 3, 4 }, { 5, 6 }, { 7, 8 } };
        var z = Grid(vectors);

        // When
        quantizer.train();
        using (no_grad())
        {
            quantizer.call(z);
        }

        // Then: one restart, and code 1 is now exactly one of the batch's vectors with usage 1.
        Assert.Equal(1, quantizer.LastRestartCount);
        var code = quantizer.Codebook[1].data<float>().ToArray();
        var matches = Enumerable.Range(0, 4).Count(i => code[0] == vectors[i, 0] && code[1] == vectors[i, 1]);
        Assert.True(matches == 1, $"code 1 is ({code[0]}, {code[1]})");
        Assert.Equal(1f, quantizer.ClusterSize[1].item<float>());
        Assert.True(quantizer.ClusterSize[0].item<float>() > 1f);
    }

    [Fact]
    public void Codes_outside_the_codebook_are_refused_with_the_codebook_size()
    {
        using var scope = NewDisposeScope();
        using var quantizer = new VectorQuantizer(8, 2);

        var high = Assert.Throws<ArgumentException>(() => quantizer.Embed(tensor(new long[] { 0, 8, 1, 2 }).reshape(1, 2, 2), "bottom"));
        var negative = Assert.Throws<ArgumentException>(() => quantizer.Embed(tensor(new long[] { -1, 0, 1, 2 }).reshape(1, 2, 2), "top"));
        var floats = Assert.Throws<ArgumentException>(() => quantizer.Embed(zeros(1, 2, 2), "top"));

        Assert.Contains("bottom codes must lie in [0, 8)", high.Message);
        Assert.Contains("from 0 to 8", high.Message);
        Assert.Contains("from -1 to 2", negative.Message);
        Assert.Contains("int64 grid", floats.Message);
    }

    private static VectorQuantizer WithCodes(float[,] codes, double deadCodeThreshold = 1.0)
    {
        var quantizer = new VectorQuantizer(codes.GetLength(0), codes.GetLength(1), deadCodeThreshold: deadCodeThreshold);
        using var noGrad = no_grad();
        quantizer.Codebook.copy_(tensor(codes));
        quantizer.CodeSum.copy_(tensor(codes));
        return quantizer;
    }

    // Rows of vectors laid out as a (1, D, 2, N/2) feature map, row-major over (H, W).
    private static Tensor Grid(float[,] vectors)
    {
        var (n, d) = (vectors.GetLength(0), vectors.GetLength(1));
        return tensor(vectors).reshape(1, 2, n / 2, d).permute(0, 3, 1, 2).contiguous();
    }
}
