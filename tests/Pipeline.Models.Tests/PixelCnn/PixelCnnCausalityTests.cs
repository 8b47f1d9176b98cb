using Pipeline.Models.PixelCnn;
using static TorchSharp.torch;

namespace Pipeline.Models.Tests.PixelCnn;

/// <summary>
/// The autoregressive property read from gradients: the output at (i, j) must not depend on the input at (i, j) or any
/// later position in raster order, and must depend on every earlier one its receptive field covers — the far
/// upper-right included, which the original PixelCNN's masked 3×3 stack never sees (its "blind spot", van den Oord et
/// al. 2016, figure 1).
/// </summary>
public sealed class PixelCnnCausalityTests
{
    // 9×9 and 5 layers of 3×3: the stacks reach 5 rows up, ±5 columns and 5 columns left, so the centre sees all of x_<i.
    private const int Size = 9;
    private static readonly PixelCnnOptions Small = new(Height: Size, Width: Size, Channels: 8, Layers: 5, FirstKernelSize: 3, OutputChannels: 8, ClassCount: 3);

    public static TheoryData<int, int> Positions => new() { { 4, 4 }, { 0, 0 }, { 0, 8 }, { 8, 0 }, { 5, 7 }, { 8, 8 } };

    [Theory]
    [MemberData(nameof(Positions))]
    public void The_whole_network_never_sees_the_current_or_a_later_position(int i, int j)
    {
        using var net = new Models.PixelCnn.PixelCnn(Small);
        var labels = tensor(new long[] { 1 });

        var map = Dependence.Of(x => net.FromFeatures(x, labels, null), 1, Size, Size, i, j);

        Assert.Equal("", Dependence.Violations(map, (r, c) => IsAtOrAfter(r, c, i, j), (_, _) => false));
    }

    [Fact]
    public void The_whole_network_sees_every_earlier_position_with_no_blind_spot()
    {
        using var net = new Models.PixelCnn.PixelCnn(Small);
        var labels = tensor(new long[] { 2 });

        var map = Dependence.Of(x => net.FromFeatures(x, labels, null), 1, Size, Size, 4, 4);

        // Every position before (4, 4): the whole of rows 0..3 (the far upper-right (0, 8) and (3, 8) included) and (4, 0..3).
        Assert.Equal("", Dependence.Violations(map, (r, c) => IsAtOrAfter(r, c, 4, 4), (r, c) => !IsAtOrAfter(r, c, 4, 4)));
        Assert.True(map[3, 8] > 0 && map[0, 8] > 0);
    }

    [Fact]
    public void The_vertical_stack_sees_only_rows_above_and_reaches_the_upper_right()
    {
        using var net = new Models.PixelCnn.PixelCnn(Small);

        var map = Dependence.Of(x => net.Stacks(x, tensor(new long[] { 0 }), null).Vertical, 1, Size, Size, 6, 2);

        // Five layers: rows 1..5, columns within ±5 of 2 (so 0..7), nothing of row 6 or below.
        var reach = (int r, int c) => r is >= 1 and < 6 && Math.Abs(c - 2) <= 5;
        Assert.Equal("", Dependence.Violations(map, (r, c) => !reach(r, c), reach));
    }

    [Fact]
    public void The_horizontal_stack_sees_the_row_to_the_left_and_through_its_link_the_rows_above()
    {
        using var net = new Models.PixelCnn.PixelCnn(Small);

        var map = Dependence.Of(x => net.Stacks(x, tensor(new long[] { 0 }), null).Horizontal, 1, Size, Size, 4, 4);

        Assert.Equal("", Dependence.Violations(map, (r, c) => IsAtOrAfter(r, c, 4, 4), (r, c) => !IsAtOrAfter(r, c, 4, 4)));
    }

    [Fact]
    public void An_embedded_code_prior_with_a_condition_grid_stays_causal_in_its_codes()
    {
        // Given: a bottom prior over a 7×5 grid conditioned on 4×3 top codes (nearest upsampling by a non-integer factor).
        var options = PixelCnnOptions.ConditionedCodePrior(16, 7, 5, 8, 4, 3, classCount: 2) with { Channels = 8, Layers = 4, FirstKernelSize = 3, OutputChannels = 8, InputEmbeddingSize = 4, ConditionEmbeddingSize = 4 };
        using var net = new Models.PixelCnn.PixelCnn(options);
        var condition = net.ConditionMap(randint(8, [1, 4, 3], dtype: ScalarType.Int64), 0, 7).detach();

        var map = Dependence.Of(x => net.FromFeatures(x, tensor(new long[] { 1 }), condition), 4, 7, 5, 3, 2);

        Assert.Equal("", Dependence.Violations(map, (r, c) => IsAtOrAfter(r, c, 3, 2), (r, c) => (r, c) is (2, 4) or (3, 1) or (0, 0)));
    }

    private static bool IsAtOrAfter(int r, int c, int i, int j) => r > i || (r == i && c >= j);
}
