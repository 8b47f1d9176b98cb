using Pipeline.Onnx.Optimization;

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

    /// <inheritdoc cref="GraphRewrites.FoldBatchNorm"/>
    /// <remarks>The parity check verifies the rewritten graph, as for every rewrite switch below.</remarks>
    public bool FoldBatchNorm { get; init; } = true;

    /// <inheritdoc cref="GraphRewrites.NarrowConvolutionBlock"/>
    public int NarrowConvolutionBlock { get; init; }

    /// <inheritdoc cref="GraphRewrites.SplitConvTransposePhases"/>
    public bool SplitConvTransposePhases { get; init; } = true;

    /// <inheritdoc cref="GraphRewrites.TapNarrowConvolutions"/>
    public bool TapNarrowConvolutions { get; init; } = true;

    /// <inheritdoc cref="GraphRewrites.LowerDepthToSpace"/>
    public bool LowerDepthToSpace { get; init; } = true;

    /// <summary>The five rewrite switches above, as <see cref="GraphRewrites"/> applies them.</summary>
    public GraphRewrites Rewrites => new()
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
