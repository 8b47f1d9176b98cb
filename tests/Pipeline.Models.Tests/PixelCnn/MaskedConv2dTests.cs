using Pipeline.Models.PixelCnn;
using static TorchSharp.torch;

namespace Pipeline.Models.Tests.PixelCnn;

public sealed class MaskedConv2dTests
{
    private const int Size = 7;
    private const int Row = 3;
    private const int Column = 3;

    [Fact]
    public void Vertical_mask_A_sees_only_the_rows_above_over_the_whole_kernel_width()
    {
        using var conv = new MaskedConv2d(2, 4, 5, CausalStack.Vertical, MaskType.A);

        var map = Dependence.Of(conv.call, 2, Size, Size, Row, Column);

        // Rows 1..2 (two rows up), columns 1..5 (±2); nothing of the current row or below.
        var seen = (int r, int c) => r is >= Row - 2 and < Row && Math.Abs(c - Column) <= 2;
        Assert.Equal("", Dependence.Violations(map, (r, c) => !seen(r, c), seen));
    }

    [Fact]
    public void Vertical_mask_B_adds_the_current_row_but_nothing_below()
    {
        using var conv = new MaskedConv2d(2, 4, 3, CausalStack.Vertical, MaskType.B);

        var map = Dependence.Of(conv.call, 2, Size, Size, Row, Column);

        var seen = (int r, int c) => r is Row - 1 or Row && Math.Abs(c - Column) <= 1;
        Assert.Equal("", Dependence.Violations(map, (r, c) => !seen(r, c), seen));
    }

    [Fact]
    public void Horizontal_mask_A_sees_only_the_current_row_left_of_the_current_column()
    {
        using var conv = new MaskedConv2d(2, 4, 7, CausalStack.Horizontal, MaskType.A);

        var map = Dependence.Of(conv.call, 2, Size, Size, Row, Column);

        var seen = (int r, int c) => r == Row && c < Column;
        Assert.Equal("", Dependence.Violations(map, (r, c) => !seen(r, c), seen));
    }

    [Fact]
    public void Horizontal_mask_B_adds_the_current_position()
    {
        using var conv = new MaskedConv2d(2, 4, 3, CausalStack.Horizontal, MaskType.B);

        var map = Dependence.Of(conv.call, 2, Size, Size, Row, Column);

        var seen = (int r, int c) => r == Row && c is Column - 1 or Column;
        Assert.Equal("", Dependence.Violations(map, (r, c) => !seen(r, c), seen));
    }

    [Fact]
    public void Keeps_odd_sizes_and_masks_only_the_current_row_or_column()
    {
        using var scope = NewDisposeScope();
        using var vertical = new MaskedConv2d(3, 6, 5, CausalStack.Vertical, MaskType.A);

        var y = vertical.call(randn(2, 3, 5, 9));

        Assert.Equal(new long[] { 2, 6, 5, 9 }, y.shape);
        Assert.Equal(new long[] { 6, 3, 3, 5 }, vertical.Conv.weight!.shape);   // the top ⌈5/2⌉ rows of a 5×5 kernel
        Assert.Equal(0.0, vertical.MaskedWeight()[.., .., 2, ..].abs().sum().item<float>());
        Assert.True(vertical.MaskedWeight()[.., .., ..2, ..].ne(0).all().item<bool>());
        Assert.Throws<ArgumentException>(() => new MaskedConv2d(1, 1, 4, CausalStack.Vertical, MaskType.B));
    }
}
