using Pipeline.Training.Translation;
using static TorchSharp.torch;

namespace Pipeline.Training.Tests.Translation;

public sealed class ImagePoolTests
{
    [Fact]
    public void Returns_its_input_while_filling_then_stored_images_half_the_time()
    {
        // Given: a pool of 4 single-pixel images, filled with values 0..3.
        using var scope = NewDisposeScope();
        using var pool = new ImagePool(4, [1, 1, 1]);
        var random = new Random(7);
        var filling = pool.Query(arange(4, ScalarType.Float32).reshape(4, 1, 1, 1), random);

        // When: 400 new images, each valued 100 + i.
        var stored = 0;
        for (var i = 0; i < 400; i++)
        {
            var returned = pool.Query(full(new long[] { 1, 1, 1, 1 }, 100f + i), random).item<float>();
            stored += returned == 100f + i ? 0 : 1;
        }

        // Then
        Assert.Equal(new float[] { 0, 1, 2, 3 }, filling.data<float>().ToArray());
        Assert.Equal(4, pool.Count);
        Assert.InRange(stored / 400.0, 0.42, 0.58);
    }

    [Fact]
    public void Swaps_the_returned_image_for_the_new_one()
    {
        // Given: a full pool of one image valued 1.
        using var scope = NewDisposeScope();
        using var pool = new ImagePool(1, [1, 1, 1]);
        var random = new Random(1);
        pool.Query(ones(1, 1, 1, 1), random);

        // When: queried until it hands back the stored image.
        var values = Enumerable.Range(0, 20).Select(i => pool.Query(full(new long[] { 1, 1, 1, 1 }, 10f + i), random).item<float>()).ToArray();

        // Then: each stored image comes back once, and always the one that went in at the previous swap.
        var swaps = values.Select((v, i) => (v, i)).Where(p => p.v != 10f + p.i).ToArray();
        Assert.NotEmpty(swaps);
        Assert.Equal(1f, swaps[0].v);
        for (var k = 1; k < swaps.Length; k++)
        {
            Assert.Equal(10f + swaps[k - 1].i, swaps[k].v);
        }
    }

    [Fact]
    public void Passes_images_through_when_disabled()
    {
        using var scope = NewDisposeScope();
        using var pool = new ImagePool(0, [1, 2, 2]);
        var images = rand(3, 1, 2, 2);

        var returned = pool.Query(images, new Random(0));

        Assert.Equal(0f, (returned - images).abs().max().item<float>());
        Assert.Equal(0, pool.Count);
    }
}
