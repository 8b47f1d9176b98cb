namespace Pipeline.Models.VqVae2;

/// <summary>
/// VQ-VAE-2 (Razavi et al. 2019, fig. 2a, algorithm 1): a bottom encoder, a top encoder at half its resolution, a top
/// quantiser, a top decoder whose features are concatenated with the bottom encoder's before the bottom quantiser
/// (so the bottom codes carry what the top ones miss), and a decoder from both levels. Images are (B, C, H, W) in [0, 1].
/// </summary>
public sealed class VqVae2Autoencoder : Module<Tensor, (Tensor Reconstruction, Tensor CommitmentLoss, Tensor TopCodes, Tensor BottomCodes)>
{
    /// <summary>Level names used in messages and file names.</summary>
    public const string TopLevel = "top", BottomLevel = "bottom";

    private readonly Sequential encoderBottom;
    private readonly Sequential encoderTop;
    private readonly Conv2d quantizeConvTop;
    private readonly VectorQuantizer quantizeTop;
    private readonly Sequential decoderTop;
    private readonly Conv2d quantizeConvBottom;
    private readonly VectorQuantizer quantizeBottom;
    private readonly ConvTranspose2d upsampleTop;
    private readonly Sequential decoder;

    private VqVae2Autoencoder(VqVae2Options o) : base(nameof(VqVae2Autoencoder))
    {
        Options = o;
        encoderBottom = VqVae2Networks.BottomEncoder(o);
        encoderTop = VqVae2Networks.TopEncoder(o);
        quantizeConvTop = Conv2d(o.HiddenChannels, o.CodeDim, 1);
        quantizeTop = Quantizer(o);
        decoderTop = VqVae2Networks.TopDecoder(o);
        quantizeConvBottom = Conv2d(o.CodeDim + o.HiddenChannels, o.CodeDim, 1);
        quantizeBottom = Quantizer(o);
        upsampleTop = VqVae2Networks.TopUpsample(o);
        decoder = VqVae2Networks.Decoder(o);
        RegisterComponents();
    }

    /// <summary>Builds an untrained VQ-VAE-2 after validating <paramref name="options"/>.</summary>
    public static VqVae2Autoencoder Create(VqVae2Options options)
    {
        options.Validate();
        return new VqVae2Autoencoder(options);
    }

    /// <summary>The options this model was built from.</summary>
    public VqVae2Options Options { get; }

    /// <summary>Image → bottom features.</summary>
    public Sequential EncoderBottom => encoderBottom;

    /// <summary>Bottom features → top features.</summary>
    public Sequential EncoderTop => encoderTop;

    /// <summary>Top features → top code space (1×1).</summary>
    public Conv2d QuantizeConvTop => quantizeConvTop;

    /// <summary>The top level's quantiser.</summary>
    public VectorQuantizer QuantizeTop => quantizeTop;

    /// <summary>Quantised top → features at the bottom resolution.</summary>
    public Sequential DecoderTop => decoderTop;

    /// <summary>[top decoder features, bottom features] → bottom code space (1×1).</summary>
    public Conv2d QuantizeConvBottom => quantizeConvBottom;

    /// <summary>The bottom level's quantiser.</summary>
    public VectorQuantizer QuantizeBottom => quantizeBottom;

    /// <summary>Quantised top → bottom resolution, for the decoder.</summary>
    public ConvTranspose2d UpsampleTop => upsampleTop;

    /// <summary>[upsampled top, bottom] → reconstruction.</summary>
    public Sequential Decoder => decoder;

    /// <summary>Reconstruction (image units, unclipped), β-weighted commitment loss of both levels, and both code grids.</summary>
    public override (Tensor Reconstruction, Tensor CommitmentLoss, Tensor TopCodes, Tensor BottomCodes) forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        var (quantTop, quantBottom, commitment, topCodes, bottomCodes) = Quantize(images);
        var reconstruction = Decode(quantTop, quantBottom);                  // (B, C, S, S)
        return (reconstruction.MoveToOuterDisposeScope(), commitment.MoveToOuterDisposeScope(),
            topCodes.MoveToOuterDisposeScope(), bottomCodes.MoveToOuterDisposeScope());
    }

    /// <summary>Both levels quantised: vectors (B, D, t, t) and (B, D, b, b), summed commitment loss, codes (B, t, t) and (B, b, b).</summary>
    public (Tensor QuantTop, Tensor QuantBottom, Tensor CommitmentLoss, Tensor TopCodes, Tensor BottomCodes) Quantize(Tensor images)
    {
        RequireImages(images);
        using var scope = NewDisposeScope();
        var bottom = encoderBottom.call(images);                              // (B, hidden, b, b)
        var top = encoderTop.call(bottom);                                    // (B, hidden, t, t)
        var (quantTop, commitTop, topCodes) = quantizeTop.call(quantizeConvTop.call(top));           // (B, D, t, t)
        var conditioned = cat([decoderTop.call(quantTop), bottom], 1);        // (B, D + hidden, b, b)
        var (quantBottom, commitBottom, bottomCodes) = quantizeBottom.call(quantizeConvBottom.call(conditioned)); // (B, D, b, b)
        return (quantTop.MoveToOuterDisposeScope(), quantBottom.MoveToOuterDisposeScope(), (commitTop + commitBottom).MoveToOuterDisposeScope(),
            topCodes.MoveToOuterDisposeScope(), bottomCodes.MoveToOuterDisposeScope());
    }

    /// <summary>Image → top codes (B, t, t) and bottom codes (B, b, b), int64.</summary>
    public (Tensor Top, Tensor Bottom) Encode(Tensor images)
    {
        using var scope = NewDisposeScope();
        var (_, _, _, top, bottom) = Quantize(images);
        return (top.MoveToOuterDisposeScope(), bottom.MoveToOuterDisposeScope());
    }

    /// <summary>Quantised vectors of both levels → reconstruction (B, C, S, S) in image units, unclipped (the training output).</summary>
    public Tensor Decode(Tensor quantTop, Tensor quantBottom)
    {
        using var scope = NewDisposeScope();
        var upsampled = upsampleTop.call(quantTop);                           // (B, D, b, b)
        return decoder.call(cat([upsampled, quantBottom], 1)).MoveToOuterDisposeScope();
    }

    /// <summary>Code grids (B, t, t) and (B, b, b) → image (B, C, S, S) clipped to [0, 1]; bad codes or grid shapes are refused.</summary>
    public Tensor DecodeCodes(Tensor topCodes, Tensor bottomCodes)
    {
        RequireGrid(topCodes, Options.TopGrid, TopLevel);
        RequireGrid(bottomCodes, Options.BottomGrid, BottomLevel);
        if (topCodes.shape[0] != bottomCodes.shape[0])
        {
            throw new ArgumentException($"Top and bottom code grids must have the same batch size; got {topCodes.shape[0]} and {bottomCodes.shape[0]}.", nameof(bottomCodes));
        }

        using var scope = NewDisposeScope();
        var image = Decode(quantizeTop.Embed(topCodes, TopLevel), quantizeBottom.Embed(bottomCodes, BottomLevel));
        return image.clamp(0, 1).MoveToOuterDisposeScope();
    }

    private void RequireGrid(Tensor codes, int side, string level)
    {
        if (codes.dim() != 3 || codes.shape[1] != side || codes.shape[2] != side)
        {
            throw new ArgumentException($"{level} codes must be a (batch, {side}, {side}) grid for {Options.ImageSize}×{Options.ImageSize} images; got [{string.Join(", ", codes.shape)}].", level == TopLevel ? "topCodes" : "bottomCodes");
        }
    }

    private void RequireImages(Tensor images)
    {
        var o = Options;
        if (images.dim() != 4 || images.shape[1] != o.Channels || images.shape[2] != o.ImageSize || images.shape[3] != o.ImageSize)
        {
            throw new ArgumentException($"VQ-VAE-2 takes images (batch, {o.Channels}, {o.ImageSize}, {o.ImageSize}); got [{string.Join(", ", images.shape)}].", nameof(images));
        }
    }

    private static VectorQuantizer Quantizer(VqVae2Options o) =>
        new(o.CodebookSize, o.CodeDim, o.CommitmentCost, o.Decay, o.Epsilon, o.DeadCodeThreshold);
}
