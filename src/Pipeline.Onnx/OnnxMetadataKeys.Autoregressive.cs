namespace Pipeline.Onnx;

public static partial class OnnxMetadataKeys
{
    public static partial class Roles
    {
        /// <summary>Grid of indices (+ class, + condition grid) → logits over the K levels at every position: a PixelCNN over pixels or codes.</summary>
        public const string Autoregressive = "autoregressive";
    }

    /// <summary>
    /// What autoregressive models (role <see cref="Roles.Autoregressive"/>) add: the grid they model, its levels and how
    /// indices enter, and the optional spatial condition grid. A sampler needs exactly these to draw position by position.
    /// </summary>
    public static class Autoregressive
    {
        /// <summary>K, the categories at each position (256 grey levels, or a codebook size).</summary>
        public const string Levels = Prefix + "autoregressive.levels";

        /// <summary>Rows of the modelled grid (input <c>grid</c> is int64 [batch, rows, columns]).</summary>
        public const string GridHeight = Prefix + "autoregressive.grid_height";

        /// <summary>Columns of the modelled grid.</summary>
        public const string GridWidth = Prefix + "autoregressive.grid_width";

        /// <summary>What the grid holds: "pixels" (grey levels) or "codes" (codebook indices).</summary>
        public const string GridContent = Prefix + "autoregressive.grid_content";

        /// <summary>Codebook size of the spatial condition grid (input <c>condition</c>), absent when there is none.</summary>
        public const string ConditionLevels = Prefix + "autoregressive.condition_levels";

        /// <summary>Rows of the condition grid.</summary>
        public const string ConditionHeight = Prefix + "autoregressive.condition_height";

        /// <summary>Columns of the condition grid.</summary>
        public const string ConditionWidth = Prefix + "autoregressive.condition_width";

        /// <summary>Which level of a hierarchical model the grid is: <see cref="TopLevel"/> (sampled first) or <see cref="BottomLevel"/> (its <c>condition</c> is the sampled top grid); absent for one-level models.</summary>
        public const string Level = Prefix + "autoregressive.level";

        /// <summary>
        /// R, the rows above a position that its logits depend on (the vertical kernels' reach, summed over the layers).
        /// Present when the graph takes a band of consecutive grid rows (its row dimensions are symbolic,
        /// <see cref="GridRowsDim"/> and <see cref="ConditionRowsDim"/>): the logits of a band's row equal the whole grid's
        /// when the band holds the R rows above it, so a sampler runs each position on at most R + 1 rows. Older exports
        /// lack it and fix the height: they are run on the whole grid.
        /// </summary>
        public const string ReceptiveFieldRows = Prefix + "autoregressive.receptive_field_rows";

        /// <summary>
        /// The <c>label</c> value meaning "no class" (equal to the class count), present when the model was trained with
        /// class dropout: it then gives p(x) as well as p(x | class), and a sampler may use classifier-free guidance
        /// (<c>CategoricalSampling.Guidance</c>).
        /// </summary>
        public const string UnconditionalLabel = Prefix + "autoregressive.unconditional_label";

        /// <summary>dim_param of the rows of <c>grid</c> and <c>logits</c> in a graph that takes bands; in full, <see cref="GridHeight"/>.</summary>
        public const string GridRowsDim = "grid_rows";

        /// <summary>
        /// dim_param of the rows of <c>condition</c> in a graph that takes bands; in full, <see cref="ConditionHeight"/>. A band
        /// of grid rows s … s + h − 1 reads the condition rows from ⌊s·Hc/H⌋ on, which the graph indexes from 0, so s must
        /// be one where that nearest-neighbour map shifts by whole condition rows (s = 0, or a multiple of H/Hc for an
        /// integer factor).
        /// </summary>
        public const string ConditionRowsDim = "condition_rows";

        /// <summary>The metadata key holding the full size of each symbolic row dimension, for readers that fix it.</summary>
        public static IReadOnlyDictionary<string, string> FullSizeOf { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [GridRowsDim] = GridHeight,
            [ConditionRowsDim] = ConditionHeight,
        };

        /// <summary>Value of <see cref="Level"/> for VQ-VAE-2's top prior.</summary>
        public const string TopLevel = "top";

        /// <summary>Value of <see cref="Level"/> for VQ-VAE-2's bottom prior.</summary>
        public const string BottomLevel = "bottom";
    }
}
