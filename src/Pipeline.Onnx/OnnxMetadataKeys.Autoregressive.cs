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

        /// <summary>Value of <see cref="Level"/> for VQ-VAE-2's top prior.</summary>
        public const string TopLevel = "top";

        /// <summary>Value of <see cref="Level"/> for VQ-VAE-2's bottom prior.</summary>
        public const string BottomLevel = "bottom";
    }
}
