using System.Text.Json.Serialization;

namespace Pipeline.Models.VqVae2;

/// <summary>
/// Everything that fixes a VQ-VAE-2's architecture and objective (Razavi et al. 2019); saved as JSON beside every
/// checkpoint. The bottom grid is the image downsampled by <see cref="BottomStride"/>, the top grid half of it
/// (rounded up, so odd bottom grids work: 28 px at stride 4 gives 7×7 bottom, 4×4 top).
/// </summary>
/// <param name="Channels">Image channels (1 grey, 3 RGB).</param>
/// <param name="ImageSize">Height and width in pixels; a multiple of <see cref="BottomStride"/>.</param>
/// <param name="BottomStride">Image pixels per bottom code along each axis: 2 or 4 (the paper's 256 px model uses 4).</param>
/// <param name="HiddenChannels">Width of the encoder and decoder trunks (the paper: 128).</param>
/// <param name="ResidualChannels">Width inside each residual block (the paper: 64; rosinality's code: 32).</param>
/// <param name="ResidualBlocks">Residual blocks per stack (the paper: 2).</param>
/// <param name="CodebookSize">Codes per level, K (the paper: 512).</param>
/// <param name="CodeDim">Dimension of each code vector, D (the paper: 64).</param>
/// <param name="CommitmentCost">β of the commitment loss β‖z − sg(e)‖² (van den Oord et al. 2017, eq. 3: 0.25).</param>
/// <param name="Decay">γ of the codebook's exponential moving average (van den Oord et al. 2017, appendix A.1: 0.99).</param>
/// <param name="Epsilon">Laplace smoothing of the EMA cluster sizes, so an unused code never divides by zero.</param>
/// <param name="DeadCodeThreshold">A code whose EMA usage (vectors per batch) falls below this is restarted from a
/// recent encoder output (as Jukebox, Dhariwal et al. 2020, does); 1 means "fewer than one vector per batch".</param>
public sealed record VqVae2Options(
    int Channels = 1,
    int ImageSize = 28,
    int BottomStride = 2,
    int HiddenChannels = 128,
    int ResidualChannels = 32,
    int ResidualBlocks = 2,
    int CodebookSize = 512,
    int CodeDim = 64,
    double CommitmentCost = 0.25,
    double Decay = 0.99,
    double Epsilon = 1e-5,
    double DeadCodeThreshold = 1.0)
{
    /// <summary>Fashion-MNIST: 28×28 grey, 14×14 bottom and 7×7 top codes; trunks of 64 so it trains on two cores.</summary>
    public static VqVae2Options Fashion28 { get; } = new(HiddenChannels: 64);

    /// <summary>32×32 RGB folders (CIFAR-sized): 16×16 bottom and 8×8 top codes.</summary>
    public static VqVae2Options Rgb32 { get; } = new(Channels: 3, ImageSize: 32);

    /// <summary>64×64 RGB folders: stride 4, 16×16 bottom and 8×8 top codes.</summary>
    public static VqVae2Options Rgb64 { get; } = new(Channels: 3, ImageSize: 64, BottomStride: 4);

    /// <summary>
    /// Scales chosen from the image: stride 2 up to 32 px (a 14×14 or 16×16 bottom grid keeps small images sharp),
    /// stride 4 above (the paper's ratio), other options as given.
    /// </summary>
    public VqVae2Options ForImage(int channels, int imageSize) =>
        this with { Channels = channels, ImageSize = imageSize, BottomStride = imageSize <= 32 ? 2 : 4 };

    /// <summary>Side of the bottom code grid.</summary>
    [JsonIgnore]
    public int BottomGrid => ImageSize / BottomStride;

    /// <summary>Side of the top code grid: half the bottom grid, rounded up.</summary>
    [JsonIgnore]
    public int TopGrid => (BottomGrid + 1) / 2;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option that cannot build a network.</summary>
    public void Validate()
    {
        Require(Channels is 1 or 3, nameof(Channels), $"1 or 3, got {Channels}");
        Require(BottomStride is 2 or 4, nameof(BottomStride), $"2 or 4, got {BottomStride}");
        Require(ImageSize >= 4 * BottomStride && ImageSize % BottomStride == 0, nameof(ImageSize),
            $"a multiple of the bottom stride {BottomStride} and at least {4 * BottomStride} (a bottom grid of 4 or more), got {ImageSize}");
        Require(HiddenChannels >= 2 && HiddenChannels % 2 == 0, nameof(HiddenChannels), $"even and at least 2, got {HiddenChannels}");
        Require(ResidualChannels > 0, nameof(ResidualChannels), $"positive, got {ResidualChannels}");
        Require(ResidualBlocks >= 0, nameof(ResidualBlocks), $"non-negative, got {ResidualBlocks}");
        Require(CodebookSize >= 2, nameof(CodebookSize), $"at least 2, got {CodebookSize}");
        Require(CodeDim > 0, nameof(CodeDim), $"positive, got {CodeDim}");
        Require(CommitmentCost >= 0, nameof(CommitmentCost), $"non-negative, got {CommitmentCost}");
        Require(Decay is > 0 and < 1, nameof(Decay), $"in (0, 1), got {Decay}");
        Require(Epsilon > 0, nameof(Epsilon), $"positive, got {Epsilon}");
        Require(DeadCodeThreshold >= 0, nameof(DeadCodeThreshold), $"non-negative, got {DeadCodeThreshold}");
    }

    private static void Require(bool condition, string name, string expectation)
    {
        if (!condition)
        {
            throw new ArgumentException($"VQ-VAE-2 option {name} must be {expectation}.", name);
        }
    }
}
