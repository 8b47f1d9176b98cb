using System.Text.Json.Serialization;

namespace Pipeline.Models.Vae;

/// <summary>Which network family maps images to the latent posterior and back.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VaeArchitecture>))]
public enum VaeArchitecture
{
    /// <summary>The lecture's multilayer perceptron: image (flattened) → hidden → (μ, log σ²); z → hidden → image.</summary>
    FullyConnected,

    /// <summary>Stride-2 convolutions down to 7×7 or 8×8 and transposed convolutions back; for 28×28 and larger RGB images.</summary>
    Convolutional,
}

/// <summary>The decoder's observation model p(x | z) over pixel intensities in [0, 1].</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DecoderLikelihood>))]
public enum DecoderLikelihood
{
    /// <summary>Independent Bernoulli per pixel: the reconstruction term is binary cross-entropy on intensities.</summary>
    Bernoulli,

    /// <summary>Diagonal Gaussian whose per-pixel log-variance is a learned parameter.</summary>
    GaussianLearnedVariance,

    /// <summary>Diagonal Gaussian with one fixed standard deviation for every pixel.</summary>
    GaussianFixedVariance,
}

/// <summary>Everything that fixes a VAE's architecture and objective; saved as JSON beside every checkpoint.</summary>
/// <param name="Architecture">Network family.</param>
/// <param name="Channels">Image channels (1 for Fashion-MNIST, 3 for RGB folders).</param>
/// <param name="ImageSize">Height and width; the convolutional family needs a multiple of 4 (28, 32, 64, ...).</param>
/// <param name="HiddenSize">Width of the hidden layer: 400 in the lecture (Kingma and Welling 2014, appendix C, used 400–500).</param>
/// <param name="LatentSize">Dimension of z: 20 in the lecture; 2 draws the manifold figure.</param>
/// <param name="Likelihood">Decoder observation model.</param>
/// <param name="FixedStdDev">σ of <see cref="DecoderLikelihood.GaussianFixedVariance"/>; 0.1 keeps the reconstruction term comparable in weight to a Bernoulli decoder on [0, 1] images.</param>
/// <param name="Beta">Weight of the KL term (Higgins et al. 2017); 1 is the true ELBO.</param>
public sealed record VaeOptions(
    VaeArchitecture Architecture = VaeArchitecture.FullyConnected,
    int Channels = 1,
    int ImageSize = 28,
    int HiddenSize = 400,
    int LatentSize = 20,
    DecoderLikelihood Likelihood = DecoderLikelihood.Bernoulli,
    double FixedStdDev = 0.1,
    double Beta = 1.0)
{
    /// <summary>The lecture's 784-400-20 VAE with a Bernoulli decoder.</summary>
    public static VaeOptions Lecture { get; } = new();

    /// <summary>A 2-D latent space, so that the traversal grid is the lecture's manifold figure.</summary>
    public static VaeOptions Manifold2D { get; } = new(LatentSize: 2);

    /// <summary>Convolutional VAE for 28×28 grey images.</summary>
    public static VaeOptions Convolutional28 { get; } = new(Architecture: VaeArchitecture.Convolutional, HiddenSize: 256, LatentSize: 32);

    /// <summary>Convolutional VAE for 64×64 RGB images from an image folder, with a Gaussian decoder.</summary>
    public static VaeOptions ConvolutionalRgb64 { get; } = new(
        Architecture: VaeArchitecture.Convolutional, Channels: 3, ImageSize: 64, HiddenSize: 512, LatentSize: 64,
        Likelihood: DecoderLikelihood.GaussianLearnedVariance);

    /// <summary>Pixels per image, C·H·W.</summary>
    [JsonIgnore]
    public int PixelCount => Channels * ImageSize * ImageSize;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option that cannot build a network.</summary>
    public void Validate()
    {
        OptionCheck.Require(Channels is 1 or 3, "VAE", nameof(Channels), $"1 or 3, got {Channels}");
        OptionCheck.Require(ImageSize >= 8, "VAE", nameof(ImageSize), $"at least 8, got {ImageSize}");
        OptionCheck.Require(Architecture != VaeArchitecture.Convolutional || ImageSize % 4 == 0, "VAE", nameof(ImageSize),
            $"a multiple of 4 for the convolutional VAE (two stride-2 halvings), got {ImageSize}");
        OptionCheck.Require(HiddenSize > 0, "VAE", nameof(HiddenSize), $"positive, got {HiddenSize}");
        OptionCheck.Require(LatentSize > 0, "VAE", nameof(LatentSize), $"positive, got {LatentSize}");
        OptionCheck.Require(FixedStdDev > 0, "VAE", nameof(FixedStdDev), $"positive, got {FixedStdDev}");
        OptionCheck.Require(Beta >= 0, "VAE", nameof(Beta), $"non-negative, got {Beta}");
    }
}
