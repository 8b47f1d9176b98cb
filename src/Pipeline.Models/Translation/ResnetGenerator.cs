namespace Pipeline.Models.Translation;

/// <summary>
/// CycleGAN's generator (Zhu et al. 2017, appendix 7.2, after Johnson et al. 2016): c7s1-w, then
/// <c>downsamplings</c> stride-2 3×3 convolutions doubling the width, <c>blocks</c> reflective residual blocks, as many
/// stride-2 transposed convolutions back, and c7s1-C → tanh. Instance norm and ReLU after every convolution but the
/// last. Images (B, C, H, W) in [−1, 1] → (B, C', H, W) in [−1, 1], for H and W divisible by 2^downsamplings.
/// Keys <c>model.*</c>.
/// </summary>
public sealed class ResnetGenerator : Module<Tensor, Tensor>
{
    private readonly Sequential model;

    /// <summary>A generator from <paramref name="inChannels"/> to <paramref name="outChannels"/> channels.</summary>
    public ResnetGenerator(int inChannels, int outChannels, int width = 64, int blocks = 6, int downsamplings = 2) : base(nameof(ResnetGenerator))
    {
        if (width <= 0 || blocks < 0 || downsamplings < 0)
        {
            throw new ArgumentException($"Expected a positive width and non-negative block and downsampling counts, found {width}, {blocks}, {downsamplings}.");
        }

        var layers = new List<(string, Module<Tensor, Tensor>)>
        {
            ("pad_in", ReflectionPad2d(3)),
            ("conv_in", Conv2d(inChannels, width, 7)),
            ("norm_in", TranslatorLayers.InstanceNorm(width)),
            ("relu_in", ReLU()),
        };
        for (var i = 0; i < downsamplings; i++)
        {
            var (from, to) = (width << i, width << (i + 1));
            layers.Add(($"down{i}", Conv2d(from, to, 3, stride: 2, padding: 1)));   // (B, to, H/2^(i+1), W/2^(i+1))
            layers.Add(($"down{i}_norm", TranslatorLayers.InstanceNorm(to)));
            layers.Add(($"down{i}_relu", ReLU()));
        }

        for (var i = 0; i < blocks; i++)
        {
            layers.Add(($"block{i}", ResidualBlock.Reflective(width << downsamplings)));
        }

        for (var i = downsamplings - 1; i >= 0; i--)
        {
            var (from, to) = (width << (i + 1), width << i);
            layers.Add(($"up{i}", ConvTranspose2d(from, to, 3, stride: 2, padding: 1, output_padding: 1))); // exactly doubles H, W
            layers.Add(($"up{i}_norm", TranslatorLayers.InstanceNorm(to)));
            layers.Add(($"up{i}_relu", ReLU()));
        }

        layers.Add(("pad_out", ReflectionPad2d(3)));
        layers.Add(("conv_out", Conv2d(width, outChannels, 7)));
        layers.Add(("tanh", Tanh()));
        model = Sequential(layers);
        SizeMultiple = 1 << downsamplings;
        RegisterComponents();
    }

    /// <summary>H and W must be multiples of this.</summary>
    public int SizeMultiple { get; }

    /// <summary>The whole network in call order.</summary>
    public Sequential Model => model;

    /// <summary>Residual blocks for an image size, as the paper chose: 6 below 256 px, 9 from 256 px.</summary>
    public static int BlocksFor(int imageSize) => imageSize >= 256 ? 9 : 6;

    /// <summary>The paper's generator for square images of <paramref name="imageSize"/>, two downsamplings.</summary>
    public static ResnetGenerator ForImageSize(int channels, int imageSize, int width = 64) =>
        new(channels, channels, width, BlocksFor(imageSize));

    /// <inheritdoc />
    public override Tensor forward(Tensor images)
    {
        TranslatorLayers.RequireMultiple(nameof(ResnetGenerator), images.shape[^2], images.shape[^1], SizeMultiple);
        return model.call(images); // (B, C', H, W)
    }
}
