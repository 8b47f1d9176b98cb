namespace Pipeline.Models.PixelCnn;

/// <summary>
/// The gated PixelCNN (van den Oord et al. 2016, "Conditional Image Generation with PixelCNN Decoders"): an
/// autoregressive model p(x) = ∏ᵢ p(xᵢ | x_&lt;i) over a grid of indices in raster order, with a K-way softmax at
/// each position. Grid (B, H, W) int64 in [0, K) [+ labels (B) int64] [+ condition grid (B, Hc, Wc) int64] →
/// logits (B, K, H, W), where the logits at (i, j) depend only on positions before (i, j) (tested by gradients).
/// <para>
/// Layers, in call order: <c>inputEmbedding</c> (for <see cref="PixelCnnInput.Embedding"/>; intensities need none),
/// <c>conditionEmbedding</c> (when spatially conditioned: the condition codes are upsampled by nearest neighbour to
/// H × W and embedded), <c>layers.0</c> … (<see cref="GatedLayer"/>, the first with mask A), then the head over the
/// sum of the layers' skip outputs: ReLU → <c>outputHidden</c> 1×1 → ReLU → <c>outputLogits</c> 1×1 to K.
/// </para>
/// </summary>
public sealed class PixelCnn : Module<Tensor, Tensor?, Tensor?, Tensor>
{
    private readonly Embedding? inputEmbedding;
    private readonly Embedding? conditionEmbedding;
    private readonly ModuleList<GatedLayer> layers;
    private readonly Conv2d outputHidden;
    private readonly Conv2d outputLogits;

    /// <summary>Builds an untrained network.</summary>
    public PixelCnn(PixelCnnOptions options) : base(nameof(PixelCnn))
    {
        options.Validate();
        Options = options;
        if (options.Input == PixelCnnInput.Embedding)
        {
            inputEmbedding = Embedding(options.Levels, options.InputEmbeddingSize);
        }

        var conditionChannels = 0L;
        if (options.IsSpatiallyConditioned)
        {
            conditionEmbedding = Embedding(options.ConditionLevels, options.ConditionEmbeddingSize);
            conditionChannels = options.ConditionEmbeddingSize;
        }

        layers = new ModuleList<GatedLayer>();
        layers.Add(new GatedLayer(options.InputChannels, options.Channels, options.FirstKernelSize, MaskType.A, options.LabelCount, conditionChannels));
        for (var i = 1; i < options.Layers; i++)
        {
            layers.Add(new GatedLayer(options.Channels, options.Channels, options.KernelSize, MaskType.B, options.LabelCount, conditionChannels));
        }

        outputHidden = Conv2d(options.Channels, options.OutputChannels, 1);
        outputLogits = Conv2d(options.OutputChannels, options.Levels, 1);
        RegisterComponents();
    }

    /// <summary>The options it was built from.</summary>
    public PixelCnnOptions Options { get; }

    /// <summary>The input embedding (K, E), or null for intensities.</summary>
    public Embedding? InputEmbedding => inputEmbedding;

    /// <summary>The condition-code embedding (K_c, C_s), or null.</summary>
    public Embedding? ConditionEmbedding => conditionEmbedding;

    /// <summary>The gated layers, the mask-A layer first.</summary>
    public IReadOnlyList<GatedLayer> Layers => [.. layers];

    /// <summary>The head's hidden 1×1 convolution.</summary>
    public Conv2d OutputHidden => outputHidden;

    /// <summary>The head's 1×1 convolution to K logits.</summary>
    public Conv2d OutputLogits => outputLogits;

    /// <summary>
    /// grid (B, h, W) int64 in [0, K), labels (B) or null, condition (B, Hc, Wc) or null → logits (B, K, h, W).
    /// h may be fewer rows than <see cref="PixelCnnOptions.Height"/> (a prefix of the grid): causality makes those rows'
    /// logits the same as in the whole grid.
    /// </summary>
    /// <exception cref="ArgumentException">A shape, an index or a label outside what the options allow.</exception>
    public override Tensor forward(Tensor grid, Tensor? labels, Tensor? condition) => Window(grid, 0, labels, condition);

    /// <summary>
    /// Logits over a band of rows: <paramref name="rows"/> (B, h, W) are the grid's rows
    /// <paramref name="firstRow"/> … firstRow + h − 1 → (B, K, h, W). A row's logits equal the whole grid's when the band
    /// holds the <see cref="ReceptiveFieldRows"/> rows above it (or starts at row 0): ancestral sampling computes only
    /// that band for the row it draws.
    /// </summary>
    public Tensor Window(Tensor rows, long firstRow, Tensor? labels, Tensor? condition)
    {
        CheckInputs(rows, firstRow, labels, condition);
        using var scope = NewDisposeScope();
        var features = Embed(rows);                                                                  // (B, E, h, W)
        var map = condition is null ? null : ConditionMap(condition, firstRow, rows.shape[1]);        // (B, Cs, h, W)
        return FromFeatures(features, labels, map).MoveToOuterDisposeScope();                        // (B, K, h, W)
    }

    /// <summary>Rows above a position that its logits depend on: ⌊n₁/2⌋ for the first layer plus ⌊n/2⌋ for each later one.</summary>
    public int ReceptiveFieldRows => Options.ReceptiveFieldRows;

    /// <summary>The first layer's input features: grid (B, h, W) int64 → (B, E, h, W) float.</summary>
    public Tensor Embed(Tensor grid)
    {
        using var scope = NewDisposeScope();
        var features = inputEmbedding is null
            ? (grid.to_type(ScalarType.Float32) * (2.0 / (Options.Levels - 1)) - 1).unsqueeze(1)
            : inputEmbedding.call(grid).permute(0, 3, 1, 2);
        return features.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The spatial conditioning map: condition codes (B, Hc, Wc) → nearest-neighbour upsampled to the model's H × W
    /// (source row ⌊r·Hc/H⌋, as PyTorch's <c>nearest</c>), embedded, rows <paramref name="firstRow"/> … firstRow + rows − 1
    /// → (B, Cs, rows, W).
    /// </summary>
    public Tensor ConditionMap(Tensor condition, long firstRow, long rows)
    {
        if (conditionEmbedding is null)
        {
            throw new InvalidOperationException("This PixelCNN takes no spatial condition.");
        }

        using var scope = NewDisposeScope();
        var (sourceRows, sourceColumns) = UpsamplingIndices(condition.device);
        var upsampled = condition.index_select(1, sourceRows[(int)firstRow..(int)(firstRow + rows)]).index_select(2, sourceColumns); // (B, rows, W)
        return conditionEmbedding.call(upsampled).permute(0, 3, 1, 2).MoveToOuterDisposeScope();           // (B, Cs, rows, W)
    }

    /// <summary>The source row of each of the H rows and the source column of each of the W columns of the nearest-neighbour upsampling.</summary>
    public (Tensor Rows, Tensor Columns) UpsamplingIndices(Device? device = null)
    {
        var o = Options;
        var rows = (arange(o.Height, ScalarType.Int64, device: device) * o.ConditionHeight).floor_divide(o.Height);   // ⌊r·Hc/H⌋ in integers
        var columns = (arange(o.Width, ScalarType.Int64, device: device) * o.ConditionWidth).floor_divide(o.Width);
        return (rows, columns);
    }

    /// <summary>Logits from first-layer features (B, E, h, W), for callers (and causality tests) that work below the indices.</summary>
    public Tensor FromFeatures(Tensor features, Tensor? labels, Tensor? conditionMap)
    {
        using var scope = NewDisposeScope();
        var (_, _, skips) = Stacks(features, labels, conditionMap);
        var hidden = functional.relu(outputHidden.call(functional.relu(skips)));  // (B, OutputChannels, h, W)
        return outputLogits.call(hidden).MoveToOuterDisposeScope();             // (B, K, h, W)
    }

    /// <summary>The last layer's vertical and horizontal stacks and the sum of every layer's skip output, each (B, p, h, W).</summary>
    public (Tensor Vertical, Tensor Horizontal, Tensor Skips) Stacks(Tensor features, Tensor? labels, Tensor? conditionMap)
    {
        using var scope = NewDisposeScope();
        var (v, h) = (features, features);
        Tensor? skips = null;
        foreach (var layer in layers)
        {
            (v, h, var skip) = layer.call(v, h, labels, conditionMap);
            skips = skips is null ? skip : skips + skip;
        }

        return (v.MoveToOuterDisposeScope(), h.MoveToOuterDisposeScope(), skips!.MoveToOuterDisposeScope());
    }

    private void CheckInputs(Tensor grid, long firstRow, Tensor? labels, Tensor? condition)
    {
        var o = Options;
        if (grid.dim() != 3 || grid.shape[1] < 1 || firstRow < 0 || firstRow + grid.shape[1] > o.Height || grid.shape[2] != o.Width || grid.dtype != ScalarType.Int64)
        {
            throw new ArgumentException($"PixelCNN input must be an int64 grid (batch, {o.Height}, {o.Width}) (or a band of its rows), got {grid.dtype} [{string.Join(", ", grid.shape)}] from row {firstRow}.", nameof(grid));
        }

        CheckRange(grid, o.Levels, "input values", nameof(grid));
        if (o.IsClassConditional)
        {
            if (labels is null || labels.dim() != 1 || labels.shape[0] != grid.shape[0] || labels.dtype != ScalarType.Int64)
            {
                throw new ArgumentException($"This class-conditional PixelCNN needs int64 labels of shape [{grid.shape[0]}], got {(labels is null ? "none" : $"{labels.dtype} [{string.Join(", ", labels.shape)}]")}.", nameof(labels));
            }

            CheckRange(labels, o.LabelCount, o.UnconditionalLabel ? "class labels (the last one: no class)" : "class labels", nameof(labels));
        }
        else if (labels is not null)
        {
            throw new ArgumentException("This PixelCNN is unconditional: it takes no class labels.", nameof(labels));
        }

        if (o.IsSpatiallyConditioned)
        {
            if (condition is null || condition.dim() != 3 || condition.shape[0] != grid.shape[0] || condition.shape[1] != o.ConditionHeight || condition.shape[2] != o.ConditionWidth || condition.dtype != ScalarType.Int64)
            {
                throw new ArgumentException($"This PixelCNN needs an int64 condition grid ({grid.shape[0]}, {o.ConditionHeight}, {o.ConditionWidth}), got {(condition is null ? "none" : $"{condition.dtype} [{string.Join(", ", condition.shape)}]")}.", nameof(condition));
            }

            CheckRange(condition, o.ConditionLevels, "condition codes", nameof(condition));
        }
        else if (condition is not null)
        {
            throw new ArgumentException("This PixelCNN takes no spatial condition grid.", nameof(condition));
        }
    }

    private static void CheckRange(Tensor values, long limit, string what, string parameter)
    {
        if (values.numel() == 0)
        {
            return;
        }

        var (min, max) = (values.min().item<long>(), values.max().item<long>());
        if (min < 0 || max >= limit)
        {
            throw new ArgumentException($"PixelCNN {what} must lie in [0, {limit}), got values from {min} to {max}.", parameter);
        }
    }
}
