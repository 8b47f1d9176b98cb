using Pipeline.Onnx;
using static TorchSharp.torch;

namespace Pipeline.Export;

/// <summary>What to export and how to check it.</summary>
/// <example>
/// <code>
/// var decoder = nn.Sequential(("decoder", vae.Decoder), ("sigmoid", nn.Sigmoid())); // image in [0, 1]
/// OnnxExporter.Export(decoder, new OnnxExportOptions
/// {
///     OutputPath = "onnx/vae-decoder.onnx",
///     Inputs = [OnnxTensorSpec.Batched("z", 20)],
///     OutputNames = ["image"],
///     Metadata = new OnnxModelMetadata { ModelFamily = "vae", Role = OnnxMetadataKeys.Roles.Decoder },
/// });
/// </code>
/// </example>
public sealed record OnnxExportOptions
{
    /// <summary>Where the model is written. The file appears only once it has passed verification.</summary>
    public required string OutputPath { get; init; }

    /// <summary>Graph inputs, in the order of the module's forward arguments.</summary>
    public required IReadOnlyList<OnnxTensorSpec> Inputs { get; init; }

    /// <summary>Graph output names, in the order of the module's forward results.</summary>
    public required IReadOnlyList<string> OutputNames { get; init; }

    /// <summary>Operator set; <see cref="OnnxVersions.DefaultOpset"/> unless the consumer needs newer operators.</summary>
    public int Opset { get; init; } = OnnxVersions.DefaultOpset;

    /// <summary>Metadata written to metadata_props.</summary>
    public OnnxModelMetadata Metadata { get; init; } = new();

    /// <summary>Graph name.</summary>
    public string GraphName { get; init; } = "main";

    /// <summary>Prefix of every initializer name (the exported module's own path in a larger model), "" for none.</summary>
    public string ParameterPrefix { get; init; } = string.Empty;

    /// <summary>
    /// Whether inference-mode BatchNormalization is folded into the Conv, ConvTranspose or Gemm before it
    /// (<see cref="Optimization.BatchNormFolding"/>); the parity check then verifies the folded graph.
    /// </summary>
    public bool FoldBatchNorm { get; init; } = true;

    /// <summary>
    /// Block size for <see cref="Optimization.NarrowConvolutionRewrite"/>: the graph's last Conv, when it has very few
    /// output channels, runs on r×r blocks of pixels (r dividing this), which ONNX Runtime computes far faster; 0 leaves
    /// it as it is. Set it only when that layer's input height and width are multiples of it (an image generator's
    /// output layer at an output size that is); the parity check verifies the rewritten graph.
    /// </summary>
    public int NarrowConvolutionBlock { get; init; }

    /// <summary>
    /// Whether upsampling ConvTranspose layers (stride s dividing the kernel, output s times the input, at least 16
    /// output channels) are written as s² phase convolutions interleaved by DepthToSpace
    /// (<see cref="Optimization.ConvTransposePhaseRewrite"/>): the same function and multiply-adds, up to 1.56x faster
    /// on ONNX Runtime's CPU kernels (measured on pix2pix). Turn it off for an execution provider whose ConvTranspose
    /// is already fast; the parity check verifies the rewritten graph.
    /// </summary>
    public bool SplitConvTransposePhases { get; init; } = true;

    /// <summary>
    /// Whether stride-1 convolutions to at most three channels (a generator's 3×3 output layer) are written as a 1×1
    /// convolution to one channel per kernel tap and a sum of the shifted taps
    /// (<see cref="Optimization.NarrowConvolutionTaps"/>): the same function and multiply-adds without ONNX Runtime's
    /// padding of the output channels to a block of 16 (the DCGAN generator 1.2x faster). A layer that
    /// <see cref="NarrowConvolutionBlock"/> already rewrote is not touched; the parity check verifies the graph.
    /// </summary>
    public bool TapNarrowConvolutions { get; init; } = true;

    /// <summary>
    /// Whether each DepthToSpace (from the two rewrites above, or a sub-pixel convolution's PixelShuffle) is written
    /// as two single-axis Transposes (<see cref="Optimization.DepthToSpaceLowering"/>), which ONNX Runtime's CPU
    /// kernels run ≈ 2.6x faster than its DepthToSpace. Turn it off for an execution provider with a fast
    /// DepthToSpace; the parity check verifies the rewritten graph.
    /// </summary>
    public bool LowerDepthToSpace { get; init; } = true;

    /// <summary>The five rewrite switches above, as <see cref="Optimization.GraphRewrites"/> applies them.</summary>
    public Optimization.GraphRewrites Rewrites => new()
    {
        FoldBatchNorm = FoldBatchNorm,
        NarrowConvolutionBlock = NarrowConvolutionBlock,
        SplitConvTransposePhases = SplitConvTransposePhases,
        TapNarrowConvolutions = TapNarrowConvolutions,
        LowerDepthToSpace = LowerDepthToSpace,
    };

    /// <summary>Whether to run the written model in ONNX Runtime and compare it with TorchSharp before keeping it.</summary>
    public bool Verify { get; init; } = true;

    /// <summary>Batch sizes of the random verification inputs; 1 and an odd size catch batch-dependent reshapes.</summary>
    public IReadOnlyList<int> VerificationBatchSizes { get; init; } = [1, 5];

    /// <summary>Real inputs to verify on as well: each entry holds one tensor per graph input.</summary>
    public IReadOnlyList<IReadOnlyList<Tensor>> VerificationInputs { get; init; } = [];

    /// <summary>Largest accepted |ONNX Runtime − TorchSharp| over every output element.</summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>
    /// For int64 outputs (indices: ArgMin/ArgMax), the largest accepted fraction of elements that differ; 0 demands
    /// identical indices. A vector quantiser's argmin may legitimately flip between two codes at equal distance when
    /// ONNX Runtime's float rounding differs from TorchSharp's by an ulp (real data with flat backgrounds makes such
    /// ties common), so its exporter allows a small fraction and reports it.
    /// </summary>
    public double IndexMismatchTolerance { get; init; }

    /// <summary>Seed of the random verification inputs.</summary>
    public int Seed { get; init; } = 1234;
}
