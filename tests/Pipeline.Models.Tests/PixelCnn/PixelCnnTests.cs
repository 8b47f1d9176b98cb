using Pipeline.Models.PixelCnn;
using static TorchSharp.torch;

namespace Pipeline.Models.Tests.PixelCnn;

public sealed class PixelCnnTests
{
    private static readonly PixelCnnOptions Tiny = new(Height: 7, Width: 5, Channels: 8, Layers: 3, FirstKernelSize: 3, OutputChannels: 8, ClassCount: 3);

    [Fact]
    public void Gives_256_logits_at_every_pixel_of_an_odd_sized_image()
    {
        using var scope = NewDisposeScope();
        using var net = new Models.PixelCnn.PixelCnn(Tiny);

        var logits = net.call(randint(256, [2, 7, 5], dtype: ScalarType.Int64), tensor(new long[] { 0, 2 }), null);

        Assert.Equal(new long[] { 2, 256, 7, 5 }, logits.shape);
    }

    [Fact]
    public void Gives_one_logit_per_code_at_every_position_of_a_conditioned_code_grid()
    {
        using var scope = NewDisposeScope();
        var options = PixelCnnOptions.ConditionedCodePrior(32, 5, 3, 8, 3, 2, classCount: 0) with { Channels = 8, Layers = 2, OutputChannels = 8 };
        using var net = new Models.PixelCnn.PixelCnn(options);

        var logits = net.call(randint(32, [4, 5, 3], dtype: ScalarType.Int64), null, randint(8, [4, 3, 2], dtype: ScalarType.Int64));

        Assert.Equal(new long[] { 4, 32, 5, 3 }, logits.shape);
    }

    [Fact]
    public void The_class_changes_the_output()
    {
        using var scope = NewDisposeScope();
        using var net = new Models.PixelCnn.PixelCnn(Tiny);
        using (no_grad())
        {
            foreach (var layer in net.Layers)
            {
                layer.ClassVertical!.weight!.normal_();
                layer.ClassHorizontal!.weight!.normal_();
            }
        }

        var image = randint(256, [1, 7, 5], dtype: ScalarType.Int64);
        var a = net.call(image, tensor(new long[] { 0 }), null);
        var b = net.call(image, tensor(new long[] { 1 }), null);

        Assert.True((a - b).abs().max().item<float>() > 1e-3);
        Assert.True(a.allclose(net.call(image, tensor(new long[] { 0 }), null)));
    }

    [Fact]
    public void The_condition_grid_changes_the_output_even_at_the_first_position()
    {
        using var scope = NewDisposeScope();
        var options = PixelCnnOptions.ConditionedCodePrior(8, 4, 4, 4, 2, 2, classCount: 0) with { Channels = 8, Layers = 2, OutputChannels = 8 };
        using var net = new Models.PixelCnn.PixelCnn(options);
        var codes = randint(8, [1, 4, 4], dtype: ScalarType.Int64);

        var a = net.call(codes, null, zeros([1, 2, 2], ScalarType.Int64));
        var b = net.call(codes, null, ones([1, 2, 2], ScalarType.Int64));

        // The top-left code has no predecessors: only the condition can move its distribution.
        Assert.True((a[0, .., 0, 0] - b[0, .., 0, 0]).abs().max().item<float>() > 1e-4);
    }

    [Fact]
    public void The_first_rows_alone_give_the_same_logits_as_the_whole_grid()
    {
        using var scope = NewDisposeScope();
        using var net = new Models.PixelCnn.PixelCnn(Tiny);
        var image = randint(256, [2, 7, 5], dtype: ScalarType.Int64);
        var labels = tensor(new long[] { 1, 2 });

        var whole = net.call(image, labels, null);
        var prefix = net.call(image[.., ..3, ..], labels, null);

        Assert.True(prefix.allclose(whole[.., .., ..3, ..], atol: 1e-5));
    }

    [Fact]
    public void A_band_of_the_receptive_field_rows_gives_its_last_row_exactly()
    {
        // Given: a conditioned code prior (so the band must also pick the right rows of the upsampled condition).
        using var scope = NewDisposeScope();
        var options = PixelCnnOptions.ConditionedCodePrior(16, 9, 4, 4, 3, 2, classCount: 2) with { Channels = 8, Layers = 3, FirstKernelSize = 3, OutputChannels = 8 };
        using var net = new Models.PixelCnn.PixelCnn(options);
        var codes = randint(16, [2, 9, 4], dtype: ScalarType.Int64);
        var (labels, condition) = (tensor(new long[] { 0, 1 }), randint(4, [2, 3, 2], dtype: ScalarType.Int64));
        Assert.Equal(3, net.ReceptiveFieldRows);

        // When: row 7 from the band of rows 4..7.
        var whole = net.call(codes, labels, condition);
        var band = net.Window(codes[.., 4..8, ..], 4, labels, condition);

        // Then
        Assert.True(band[.., .., 3, ..].allclose(whole[.., .., 7, ..], atol: 1e-5));
        Assert.False(band[.., .., 0, ..].allclose(whole[.., .., 4, ..], atol: 1e-5), "the band's first row lacks its context");
    }

    [Fact]
    public void Bad_inputs_are_refused_with_what_was_expected()
    {
        using var scope = NewDisposeScope();
        using var net = new Models.PixelCnn.PixelCnn(Tiny);
        var labels = tensor(new long[] { 0 });

        var outOfRange = Assert.Throws<ArgumentException>(() => net.call(full([1, 7, 5], 256L, ScalarType.Int64), labels, null));
        Assert.Contains("[0, 256)", outOfRange.Message);
        var wrongShape = Assert.Throws<ArgumentException>(() => net.call(zeros([1, 7, 6], ScalarType.Int64), labels, null));
        Assert.Contains("(batch, 7, 5)", wrongShape.Message);
        var noLabels = Assert.Throws<ArgumentException>(() => net.call(zeros([1, 7, 5], ScalarType.Int64), null, null));
        Assert.Contains("labels", noLabels.Message);
        var unknownClass = Assert.Throws<ArgumentException>(() => net.call(zeros([1, 7, 5], ScalarType.Int64), tensor(new long[] { 3 }), null));
        Assert.Contains("[0, 3)", unknownClass.Message);
        Assert.Throws<ArgumentException>(() => new Models.PixelCnn.PixelCnn(Tiny with { KernelSize = 4 }));
    }
}
