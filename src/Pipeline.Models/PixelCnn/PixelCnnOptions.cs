using System.Text.Json.Serialization;

namespace Pipeline.Models.PixelCnn;

/// <summary>How a <see cref="PixelCnn"/> turns the index at each position into features for its first layer.</summary>
public enum PixelCnnInput
{
    /// <summary>Index k of K levels as one channel 2k/(K−1) − 1 in [−1, 1]: grey levels, whose order carries meaning.</summary>
    Intensity,

    /// <summary>A learned embedding of each of the K indices: codebook indices, whose order means nothing.</summary>
    Embedding,
}

/// <summary>
/// Everything that fixes a gated PixelCNN (van den Oord et al. 2016); saved as JSON beside every checkpoint. The same
/// network models grey pixels (K = 256 levels, <see cref="PixelCnnInput.Intensity"/>) and VQ-VAE-2 code grids
/// (K = codebook size, <see cref="PixelCnnInput.Embedding"/>, optionally conditioned on an upsampled coarser code grid).
/// </summary>
/// <param name="Height">Rows of the modelled grid (image or code grid); any size ≥ 1, odd included.</param>
/// <param name="Width">Columns of the grid.</param>
/// <param name="Levels">K, the categories at each position: 256 grey levels, or the codebook size.</param>
/// <param name="Input">How indices enter the first layer.</param>
/// <param name="InputEmbeddingSize">Embedding size for <see cref="PixelCnnInput.Embedding"/> (ignored for intensities).</param>
/// <param name="Channels">p, the feature maps of both stacks; 64 is a two-core budget (the paper uses 384 on ImageNet).</param>
/// <param name="Layers">Gated layers, the first (mask A) included. Each extends the receptive field by ⌊n/2⌋ rows and columns.</param>
/// <param name="FirstKernelSize">n of the first layer; 7 as in the paper's first layer, so one layer already spans ±3.</param>
/// <param name="KernelSize">n of the later layers (3).</param>
/// <param name="OutputChannels">Width of the 1×1 head between the summed skips and the K logits.</param>
/// <param name="ClassCount">Classes of the per-layer class bias (eq. 4); 0 builds an unconditional model.</param>
/// <param name="ConditionLevels">Codebook size of a spatial condition grid (VQ-VAE-2's top codes for the bottom prior); 0 for none.</param>
/// <param name="ConditionHeight">Rows of the condition grid; it is upsampled (nearest) to <paramref name="Height"/>.</param>
/// <param name="ConditionWidth">Columns of the condition grid.</param>
/// <param name="ConditionEmbeddingSize">Embedding size of the condition codes, the channels of the map every layer sees (eq. 5).</param>
/// <param name="UnconditionalLabel">
/// Whether the class biases have one more row, label <see cref="ClassCount"/> meaning "no class": trained by dropping the
/// class of a share of the training grids, it lets one network give both p(x | class) and p(x), which classifier-free
/// guidance (Ho &amp; Salimans 2022) extrapolates between at sampling time.
/// </param>
public sealed record PixelCnnOptions(
    int Height = 28,
    int Width = 28,
    int Levels = 256,
    PixelCnnInput Input = PixelCnnInput.Intensity,
    int InputEmbeddingSize = 32,
    int Channels = 64,
    int Layers = 8,
    int FirstKernelSize = 7,
    int KernelSize = 3,
    int OutputChannels = 128,
    int ClassCount = 10,
    int ConditionLevels = 0,
    int ConditionHeight = 0,
    int ConditionWidth = 0,
    int ConditionEmbeddingSize = 32,
    bool UnconditionalLabel = false)
{
    /// <summary>Class-conditional PixelCNN over 28×28 grey Fashion-MNIST pixels, 256-way softmax per pixel.</summary>
    public static PixelCnnOptions Fashion28 { get; } = new();

    /// <summary>A smaller Fashion-MNIST model (p = 32, 6 layers): about 4x fewer multiply-adds, for quick runs on two cores.</summary>
    public static PixelCnnOptions Fashion28Small { get; } = new(Channels: 32, Layers: 6, OutputChannels: 64);

    /// <summary>A prior over a code grid (e.g. VQ-VAE-2's top codes), class-conditional when <paramref name="classCount"/> &gt; 0.</summary>
    public static PixelCnnOptions CodePrior(int codebookSize, int height, int width, int classCount) =>
        new(Height: height, Width: width, Levels: codebookSize, Input: PixelCnnInput.Embedding, ClassCount: classCount);

    /// <summary>A prior over a code grid conditioned on a coarser code grid (VQ-VAE-2's bottom prior given the top codes) and the class.</summary>
    public static PixelCnnOptions ConditionedCodePrior(int codebookSize, int height, int width, int conditionCodebookSize, int conditionHeight, int conditionWidth, int classCount) =>
        CodePrior(codebookSize, height, width, classCount) with
        {
            ConditionLevels = conditionCodebookSize,
            ConditionHeight = conditionHeight,
            ConditionWidth = conditionWidth,
        };

    /// <summary>Whether the model takes class labels.</summary>
    [JsonIgnore]
    public bool IsClassConditional => ClassCount > 0;

    /// <summary>Labels the network accepts: the classes, plus the "no class" label <see cref="ClassCount"/> when <see cref="UnconditionalLabel"/>.</summary>
    [JsonIgnore]
    public int LabelCount => ClassCount + (UnconditionalLabel ? 1 : 0);

    /// <summary>Whether the model takes a spatial condition grid.</summary>
    [JsonIgnore]
    public bool IsSpatiallyConditioned => ConditionLevels > 0;

    /// <summary>Positions per grid, H·W (the "dimensions" of bits per dimension).</summary>
    [JsonIgnore]
    public int Positions => Height * Width;

    /// <summary>
    /// Rows above a position that its logits depend on: ⌊n₁/2⌋ for the first layer plus ⌊n/2⌋ for each later one (each
    /// vertical kernel reaches that far up). A band of this many rows above a row gives that row's logits exactly.
    /// </summary>
    [JsonIgnore]
    public int ReceptiveFieldRows => (FirstKernelSize / 2) + ((Layers - 1) * (KernelSize / 2));

    /// <summary>Channels the first layer receives.</summary>
    [JsonIgnore]
    public int InputChannels => Input == PixelCnnInput.Intensity ? 1 : InputEmbeddingSize;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option that cannot build the network.</summary>
    public void Validate()
    {
        Require(Height >= 1 && Width >= 1, nameof(Height), $"a grid of at least 1×1, got {Height}×{Width}");
        Require(Levels >= 2, nameof(Levels), $"at least 2 categories per position, got {Levels}");
        Require(Input != PixelCnnInput.Embedding || InputEmbeddingSize >= 1, nameof(InputEmbeddingSize), $"positive, got {InputEmbeddingSize}");
        Require(Channels >= 1, nameof(Channels), $"positive, got {Channels}");
        Require(Layers >= 1, nameof(Layers), $"at least 1 (the mask-A layer), got {Layers}");
        Require(FirstKernelSize >= 3 && FirstKernelSize % 2 == 1, nameof(FirstKernelSize), $"odd and at least 3, got {FirstKernelSize}");
        Require(KernelSize >= 3 && KernelSize % 2 == 1, nameof(KernelSize), $"odd and at least 3, got {KernelSize}");
        Require(OutputChannels >= 1, nameof(OutputChannels), $"positive, got {OutputChannels}");
        Require(ClassCount >= 0, nameof(ClassCount), $"0 (unconditional) or more, got {ClassCount}");
        Require(!UnconditionalLabel || IsClassConditional, nameof(UnconditionalLabel), "false for an unconditional model (there is no class to leave out)");
        Require(ConditionLevels >= 0, nameof(ConditionLevels), $"0 (none) or a codebook size, got {ConditionLevels}");
        if (IsSpatiallyConditioned)
        {
            Require(ConditionHeight is >= 1 && ConditionHeight <= Height && ConditionWidth >= 1 && ConditionWidth <= Width, nameof(ConditionHeight),
                $"a grid no larger than the modelled {Height}×{Width}, got {ConditionHeight}×{ConditionWidth}");
            Require(ConditionEmbeddingSize >= 1, nameof(ConditionEmbeddingSize), $"positive, got {ConditionEmbeddingSize}");
        }
    }

    private static void Require(bool condition, string name, string expectation)
    {
        if (!condition)
        {
            throw new ArgumentException($"PixelCNN option {name} must be {expectation}.", name);
        }
    }
}
