namespace Pipeline.Training.Translation;

/// <summary>
/// The image history buffer of Shrivastava et al. 2017 (section 2.3) as CycleGAN uses it (Zhu et al. 2017, section
/// 4): D is updated with generated images drawn from the last <see cref="Capacity"/> generated images rather than
/// only the newest, which damps oscillation. Until full, every image is stored and returned; once full, each
/// incoming image is, with probability 0.5, swapped for a random stored one (which is returned), and otherwise
/// returned as it is. The stored images are buffers, so a checkpoint holds them and a resumed run sees the same pool.
/// Keys <c>images</c>, <c>count</c>.
/// </summary>
public sealed class ImagePool : nn.Module
{
    private readonly Tensor images;
    private readonly Tensor count;

    /// <summary>A pool of <paramref name="capacity"/> images of shape <paramref name="imageShape"/> (C, H, W); 0 disables it.</summary>
    public ImagePool(int capacity, long[] imageShape) : base(nameof(ImagePool))
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
        images = zeros([Math.Max(capacity, 1), .. imageShape]);
        count = zeros(1, ScalarType.Int64);
        RegisterComponents();
    }

    /// <summary>How many images the pool holds when full (50 in CycleGAN).</summary>
    public int Capacity { get; }

    /// <summary>How many images are stored.</summary>
    public int Count => (int)count.item<long>();

    /// <summary>The batch D sees in place of <paramref name="generated"/> (B, C, H, W), detached; the pool's draws come from <paramref name="random"/>.</summary>
    public Tensor Query(Tensor generated, Random random)
    {
        var batch = generated.detach();
        if (Capacity == 0)
        {
            return batch;
        }

        using var scope = NewDisposeScope();
        var returned = new List<Tensor>();
        using (no_grad())
        {
            for (var i = 0; i < batch.shape[0]; i++)
            {
                var image = batch[i];
                if (Count < Capacity)
                {
                    images[Count].copy_(image);
                    count.add_(1);
                    returned.Add(image.clone());
                }
                else if (random.NextDouble() < 0.5)
                {
                    var slot = random.Next(Capacity);
                    returned.Add(images[slot].clone());
                    images[slot].copy_(image);
                }
                else
                {
                    returned.Add(image.clone());
                }
            }
        }

        return stack(returned).MoveToOuterDisposeScope(); // (B, C, H, W)
    }
}
