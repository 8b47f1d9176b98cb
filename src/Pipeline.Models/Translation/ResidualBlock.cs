namespace Pipeline.Models.Translation;

/// <summary>
/// x + body(x): the residual block of both translators' trunks (He et al. 2016). Shape-preserving, so any H and W.
/// Keys <c>body.*</c>.
/// </summary>
public sealed class ResidualBlock : Module<Tensor, Tensor>
{
    private readonly Sequential body;

    /// <summary>Wraps a shape-preserving body.</summary>
    public ResidualBlock(Sequential body) : base(nameof(ResidualBlock))
    {
        this.body = body;
        RegisterComponents();
    }

    /// <summary>The residual branch.</summary>
    public Sequential Body => body;

    /// <summary>
    /// CycleGAN's block (Johnson et al. 2016 as used by Zhu et al. 2017): reflection pad 1 → conv 3×3 → instance norm
    /// → ReLU → reflection pad 1 → conv 3×3 → instance norm. Reflection padding keeps borders free of the dark frame
    /// zero padding leaves.
    /// </summary>
    public static ResidualBlock Reflective(int channels) => new(Sequential(
        ("pad1", ReflectionPad2d(1)),
        ("conv1", Conv2d(channels, channels, 3)),
        ("norm1", TranslatorLayers.InstanceNorm(channels)),
        ("relu", ReLU()),
        ("pad2", ReflectionPad2d(1)),
        ("conv2", Conv2d(channels, channels, 3)),
        ("norm2", TranslatorLayers.InstanceNorm(channels))));

    /// <summary>
    /// SRGAN's block (Ledig et al. 2017, fig. 4) without its batch norm, as EDSR (Lim et al. 2017) found batch norm
    /// harmful for super-resolution: conv 3×3 → PReLU → conv 3×3.
    /// </summary>
    public static ResidualBlock Plain(int channels) => new(Sequential(
        ("conv1", Conv2d(channels, channels, 3, padding: 1)),
        ("prelu", PReLU(1)),
        ("conv2", Conv2d(channels, channels, 3, padding: 1))));

    /// <inheritdoc />
    public override Tensor forward(Tensor x) => x + body.call(x); // (B, C, H, W)
}
