namespace Pipeline.Models.Translation;

/// <summary>
/// The PatchGAN discriminator of pix2pix and CycleGAN (Isola et al. 2017, section 3.2.2 and appendix 6.1.2): C64
/// (no norm) → C128 → C256 with 4×4 stride-2 convolutions, then a 4×4 stride-1 C512 and a 4×4 stride-1 1-channel
/// output, LeakyReLU(0.2) and instance norm in between. Each output scores one overlapping patch, 70×70 pixels with
/// three stride-2 layers. Images (B, C, H, W) → scores (B, 1, H', W'), any H, W large enough.
/// Keys <c>model.*</c>.
/// </summary>
public sealed class PatchDiscriminator : Module<Tensor, Tensor>
{
    private readonly Sequential model;

    /// <summary>A discriminator with <paramref name="layers"/> stride-2 convolutions.</summary>
    public PatchDiscriminator(int inChannels, int width = 64, int layers = 3) : base(nameof(PatchDiscriminator))
    {
        if (width <= 0 || layers < 1)
        {
            throw new ArgumentException($"Expected a positive width and at least one stride-2 layer, found {width} and {layers}.");
        }

        var list = new List<(string, Module<Tensor, Tensor>)>
        {
            ("conv0", Conv2d(inChannels, width, 4, stride: 2, padding: 1)),
            ("relu0", LeakyReLU(0.2)),
        };
        for (var i = 1; i <= layers; i++)
        {
            // The last of these has stride 1, as in the paper's C512 layer.
            var (from, to) = (TranslatorLayers.Width(width, i - 1), TranslatorLayers.Width(width, i));
            list.Add(($"conv{i}", Conv2d(from, to, 4, stride: i < layers ? 2 : 1, padding: 1)));
            list.Add(($"norm{i}", TranslatorLayers.InstanceNorm(to)));
            list.Add(($"relu{i}", LeakyReLU(0.2)));
        }

        list.Add(("score", Conv2d(TranslatorLayers.Width(width, layers), 1, 4, stride: 1, padding: 1)));
        model = Sequential(list);
        RegisterComponents();
    }

    /// <summary>
    /// The receptive field of one output in pixels: 4×4 kernels, <paramref name="layers"/> stride-2 layers (the first
    /// without norm), then two stride-1 layers. 70 for the published 3 layers, 34 for 2, 16 for 1.
    /// </summary>
    public static int ReceptiveField(int layers)
    {
        // Walk back from one output: each layer widens the field by (kernel − 1) × the product of the strides before it.
        var (field, jump) = (1, 1);
        var strides = Enumerable.Repeat(2, layers).Concat([1, 1]).ToArray();
        foreach (var stride in strides)
        {
            field += 3 * jump;
            jump *= stride;
        }

        return field;
    }

    /// <summary>
    /// Stride-2 layers for an image size: the fewest whose receptive field covers at least the share of the image
    /// that 70 px covers of 256 px (27%), so small images keep patches rather than one whole-image score.
    /// </summary>
    public static int LayersFor(int imageSize)
    {
        var layers = 1;
        while (ReceptiveField(layers) < imageSize * 70.0 / 256 && layers < 3)
        {
            layers++;
        }

        return layers;
    }

    /// <summary>The whole network in call order.</summary>
    public Sequential Model => model;

    /// <inheritdoc />
    public override Tensor forward(Tensor images) => model.call(images); // (B, 1, H', W')
}
