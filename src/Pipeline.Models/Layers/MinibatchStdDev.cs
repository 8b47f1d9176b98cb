namespace Pipeline.Models.Layers;

/// <summary>
/// Minibatch standard deviation (Karras et al. 2018, §3; StyleGAN2's grouped form): the batch is split into groups of
/// <see cref="GroupSize"/> images; within each group the standard deviation of every feature at every position is
/// averaged over channels and positions, and that number is appended as an extra channel to each image of the group.
/// It lets the discriminator see the variety of a batch, which punishes a generator that collapses to few modes.
/// A batch whose size the group size does not divide uses groups of its largest divisor not above it.
/// </summary>
public sealed class MinibatchStdDev : Module<Tensor, Tensor>
{
    private const double Epsilon = 1e-8;

    /// <summary>A layer over groups of <paramref name="groupSize"/> images.</summary>
    public MinibatchStdDev(long groupSize = 4) : base(nameof(MinibatchStdDev))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groupSize);
        GroupSize = groupSize;
    }

    /// <summary>Images per group (StyleGAN2: 4).</summary>
    public long GroupSize { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var (b, c, h, w) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3]);
        var g = GroupOf(b);
        var y = input.to(float32).reshape(g, b / g, c, h, w);                  // (G, M, C, H, W), image i of group m is y[i, m]
        var std = (y.var(0, unbiased: false) + Epsilon).sqrt();                   // (M, C, H, W)
        var feature = std.mean([1, 2, 3]).reshape(1, b / g, 1, 1, 1);           // (1, M, 1, 1, 1)
        var channel = feature.expand(g, b / g, 1, h, w).reshape(b, 1, h, w).to(input.dtype); // (B, 1, H, W)
        return cat([input, channel], 1).MoveToOuterDisposeScope();              // (B, C + 1, H, W)
    }

    // The largest divisor of the batch not above the group size.
    private long GroupOf(long batch)
    {
        var g = Math.Min(GroupSize, batch);
        while (batch % g != 0)
        {
            g--;
        }

        return g;
    }
}
