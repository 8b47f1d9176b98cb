namespace Pipeline.Onnx;

/// <summary>
/// The metadata_props keys our exported models carry. They live in this TorchSharp-free assembly so that the
/// inference side (ML.NET, the CLI's <c>inspect</c>) reads models without referencing TorchSharp.
/// </summary>
public static partial class OnnxMetadataKeys
{
    /// <summary>Prefix of every key, so ours never collide with other producers' metadata.</summary>
    public const string Prefix = "pipeline.";

    /// <summary>Model family, e.g. "vae", "vqvae2", "dcgan", "pix2pix".</summary>
    public const string ModelFamily = Prefix + "model_family";

    /// <summary>What this graph does within the family: see <see cref="Roles"/>.</summary>
    public const string Role = Prefix + "role";

    /// <summary>Image channels (1 or 3) of the image input or output.</summary>
    public const string ImageChannels = Prefix + "image.channels";

    /// <summary>Image height in pixels.</summary>
    public const string ImageHeight = Prefix + "image.height";

    /// <summary>Image width in pixels.</summary>
    public const string ImageWidth = Prefix + "image.width";

    /// <summary>Range of the pixel values the graph takes or produces, "min,max" in invariant culture, e.g. "0,1" or "-1,1".</summary>
    public const string ValueRange = Prefix + "image.value_range";

    /// <summary>
    /// Order of a colour image's channels in the graph's tensors: "rgb" (what is absent means) or "bgr" (a model trained on
    /// images as OpenCV loads them). The transforms read and write images in this order.
    /// </summary>
    public const string ChannelOrder = Prefix + "image.channel_order";

    /// <summary>How pixels were normalised before training, e.g. "none" or "mean=0.5;std=0.5".</summary>
    public const string Normalization = Prefix + "image.normalization";

    /// <summary>Dimension of the latent code.</summary>
    public const string LatentSize = Prefix + "latent_size";

    /// <summary>Number of classes of a classifier or class-conditional generator.</summary>
    public const string ClassCount = Prefix + "class_count";

    /// <summary>The classes' names in label order, as a JSON array of strings (e.g. Fashion-MNIST's "T-shirt/top", ...), for pictures and reports.</summary>
    public const string ClassNames = Prefix + "class_names";

    /// <summary>Identifier of the training run whose checkpoint was exported.</summary>
    public const string TrainingRunId = Prefix + "training_run_id";

    /// <summary>Version of the exporter that wrote the file.</summary>
    public const string ExporterVersion = Prefix + "exporter_version";

    /// <summary>
    /// Multiply-accumulates per sample counted by the exporter at <see cref="MacsImageSize"/>, for a graph whose image
    /// height and width are symbolic (its intermediate shapes, and so its cost, depend on the size it is run at).
    /// </summary>
    public const string MacsPerSample = Prefix + "macs_per_sample";

    /// <summary>The input size, "HxW", at which <see cref="MacsPerSample"/> was counted (the trained size).</summary>
    public const string MacsImageSize = Prefix + "macs_image_size";

    /// <summary>Well-known values of <see cref="Role"/>.</summary>
    public static partial class Roles
    {
        /// <summary>Image → latent (for a VAE: mean and log-variance).</summary>
        public const string Encoder = "encoder";

        /// <summary>Latent → image.</summary>
        public const string Decoder = "decoder";

        /// <summary>Noise (and optionally a class) → image.</summary>
        public const string Generator = "generator";

        /// <summary>Image → real/fake score.</summary>
        public const string Discriminator = "discriminator";

        /// <summary>Image → image (CycleGAN, pix2pix).</summary>
        public const string Translator = "translator";

        /// <summary>Image → class scores.</summary>
        public const string Classifier = "classifier";
    }

    /// <summary>
    /// What only translators (role <see cref="Roles.Translator"/>) add: the output image size when it differs from the
    /// input's (super-resolution), and whether H and W are symbolic in the graph. The ML.NET side reads these, so they
    /// live here rather than with the exporter.
    /// </summary>
    public static class Translation
    {
        /// <summary>Which way the model translates, e.g. "A→B" or "sneaker→ankle boot" (a CycleGAN export has both).</summary>
        public const string Direction = Prefix + "translation.direction";

        /// <summary>Output channels (default: <see cref="ImageChannels"/>).</summary>
        public const string OutputChannels = Prefix + "translation.output_channels";

        /// <summary>Output height in pixels (default: <see cref="ImageHeight"/>).</summary>
        public const string OutputHeight = Prefix + "translation.output_height";

        /// <summary>Output width in pixels (default: <see cref="ImageWidth"/>).</summary>
        public const string OutputWidth = Prefix + "translation.output_width";

        /// <summary>"true" when H and W are symbolic in the graph; the ML.NET side then runs at the metadata's size.</summary>
        public const string DynamicSize = Prefix + "translation.dynamic_size";
    }

    /// <summary>
    /// What models over discrete code grids add (VQ-VAE-2's encoder and decoder, and the priors over their codes): each
    /// level's grid as "HxW" and its codebook size. The ML.NET side reads these, so they live here.
    /// </summary>
    public static class Codes
    {
        /// <summary>Top-level grid, "HxW" (e.g. "7x7").</summary>
        public const string TopGrid = Prefix + "codes.top_grid";

        /// <summary>Bottom-level grid, "HxW" (e.g. "14x14").</summary>
        public const string BottomGrid = Prefix + "codes.bottom_grid";

        /// <summary>Codes in the top codebook; valid top codes are 0 … size − 1.</summary>
        public const string TopCodebookSize = Prefix + "codes.top_codebook_size";

        /// <summary>Codes in the bottom codebook.</summary>
        public const string BottomCodebookSize = Prefix + "codes.bottom_codebook_size";

        /// <summary>Dimension of each code vector.</summary>
        public const string CodeDim = Prefix + "codes.code_dim";
    }
}
