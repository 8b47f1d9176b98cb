using System.Globalization;
using Pipeline.Models.PixelCnn;

namespace Pipeline.Export.Families;

/// <summary>
/// Exports a gated PixelCNN as one graph: <c>grid</c> (batch, H, W) int64 in [0, K) [+ <c>label</c> (batch) int64]
/// [+ <c>condition</c> (batch, Hc, Wc) int64] → <c>logits</c> (batch, K, H, W), the unnormalised log-probabilities of
/// every position given the positions before it. Sampling runs it once per position, feeding back what it drew.
/// Serves the PixelCNN over pixels and the VQ-VAE-2 priors alike; the metadata says which grid it models.
/// <para>
/// The rows of <c>grid</c>, <c>condition</c> and <c>logits</c> are symbolic (<see cref="OnnxMetadataKeys.Autoregressive.GridRowsDim"/>,
/// <see cref="OnnxMetadataKeys.Autoregressive.ConditionRowsDim"/>): the graph also takes a band of consecutive rows, whose
/// last row's logits are the whole grid's when the band holds the
/// <see cref="OnnxMetadataKeys.Autoregressive.ReceptiveFieldRows"/> rows above it. A sampler then runs each position on
/// at most R + 1 rows instead of H. That path is verified too, on a band of R + 1 rows from row 0 (fewer when the grid is smaller).
/// </para>
/// </summary>
public static class PixelCnnOnnxExport
{
    /// <summary>File name of a PixelCNN over pixels inside the export folder.</summary>
    public const string PixelCnnFile = "pixelcnn.onnx";

    /// <summary>
    /// Writes and verifies the network as <paramref name="fileName"/> in <paramref name="directory"/>. Random grids,
    /// labels and condition codes are checked on batches 1 and 5; <paramref name="verificationInputs"/> (one tensor
    /// per graph input, in input order) join them.
    /// </summary>
    /// <param name="net">the trained network</param>
    /// <param name="directory">export folder</param>
    /// <param name="runId">the training run it came from</param>
    /// <param name="modelFamily">"pixelcnn" for pixels; the VQ-VAE-2 priors pass their own family</param>
    /// <param name="fileName">file inside <paramref name="directory"/></param>
    /// <param name="verificationInputs">real inputs to verify on as well</param>
    /// <param name="opset">ONNX operator set</param>
    /// <param name="level">the level of a hierarchical model (<see cref="OnnxMetadataKeys.Autoregressive.Level"/>), or null</param>
    /// <param name="classNames">the classes' names in label order, written to the metadata for pictures that name their rows, or null</param>
    public static OnnxExportReport Export(
        PixelCnn net,
        string directory,
        string runId,
        string modelFamily = "pixelcnn",
        string fileName = PixelCnnFile,
        IReadOnlyList<IReadOnlyList<Tensor>>? verificationInputs = null,
        int opset = OnnxVersions.DefaultOpset,
        string? level = null,
        IReadOnlyList<string>? classNames = null)
    {
        var o = net.Options;
        Directory.CreateDirectory(directory);
        var registry = ConverterRegistry.CreateDefault();
        registry.Register<GridOnly>((context, wrapper, inputs) => context.Convert(wrapper.Net, inputs, string.Empty));
        registry.Register<GridAndOne>((context, wrapper, inputs) => context.Convert(wrapper.Net, inputs, string.Empty));
        registry.Register<GridLabelAndCondition>((context, wrapper, inputs) => context.Convert(wrapper.Net, inputs, string.Empty));
        var batch = OnnxGraphBuilder.DynamicBatch;
        var inputs = new List<OnnxTensorSpec> { new("grid", [batch, o.Height, o.Width], OnnxElementType.Int64) { IndexLimit = o.Levels } };
        if (o.IsClassConditional)
        {
            inputs.Add(new OnnxTensorSpec("label", [batch], OnnxElementType.Int64) { IndexLimit = o.LabelCount });
        }

        if (o.IsSpatiallyConditioned)
        {
            inputs.Add(new OnnxTensorSpec("condition", [batch, o.ConditionHeight, o.ConditionWidth], OnnxElementType.Int64) { IndexLimit = o.ConditionLevels });
        }

        // Not disposed: disposing a module disposes its children, and a wrapper's only child is the caller's network.
        nn.Module graph = inputs.Count switch
        {
            1 => new GridOnly(net),
            2 => new GridAndOne(net, labelsSecond: o.IsClassConditional),
            _ => new GridLabelAndCondition(net),
        };
        var options = new OnnxExportOptions
        {
            OutputPath = Path.Combine(directory, fileName),
            Inputs = inputs,
            OutputNames = ["logits"],
            GraphName = "pixelcnn",
            Opset = opset,
            VerificationInputs = verificationInputs ?? [],
            Metadata = Metadata(o, modelFamily, runId, level) with { ClassNames = o.IsClassConditional && classNames?.Count == o.ClassCount ? classNames : null },
        };
        var report = OnnxExporter.Export(graph, options, registry);
        var band = RelaxRows(report.Path, graph, options, o);
        return report with
        {
            FileBytes = new FileInfo(report.Path).Length,
            MaxAbsDifference = new Dictionary<string, double> { ["logits"] = Math.Max(report.MaxAbsDifference["logits"], band) },
        };
    }

    /// <summary>Rows of the band the symbolic-row path is verified on: R + 1, the band a sampler runs most, fewer for a smaller grid.</summary>
    public static int VerificationBandRows(PixelCnnOptions o) => Math.Min(o.Height, o.ReceptiveFieldRows + 1);

    // Makes the row dimensions symbolic and checks a band of rows from row 0 (with only the condition rows it reads).
    private static double RelaxRows(string path, nn.Module graph, OnnxExportOptions options, PixelCnnOptions o)
    {
        var rows = VerificationBandRows(o);
        var conditionRows = o.IsSpatiallyConditioned ? (int)(((long)(rows - 1) * o.ConditionHeight / o.Height) + 1) : 0;
        var check = options with
        {
            Inputs = options.Inputs.Select(i => i.Name switch
            {
                "grid" => i with { Shape = [i.Shape[0], rows, i.Shape[2]] },
                "condition" => i with { Shape = [i.Shape[0], conditionRows, i.Shape[2]] },
                _ => i,
            }).ToArray(),
            VerificationBatchSizes = [2],
            VerificationInputs = [],
        };
        var dimensions = new List<SymbolicDimension> { new("grid", 1, OnnxMetadataKeys.Autoregressive.GridRowsDim), new("logits", 2, OnnxMetadataKeys.Autoregressive.GridRowsDim) };
        if (o.IsSpatiallyConditioned)
        {
            dimensions.Add(new("condition", 1, OnnxMetadataKeys.Autoregressive.ConditionRowsDim));
        }

        return SymbolicDimensions.Relax(path, graph, options, check, dimensions, $"{o.Height}x{o.Width}",
            worst => $"On a band of {rows} rows (symbolic rows), ONNX Runtime differs from TorchSharp by {worst:G3}");
    }

    /// <summary>What the graph's metadata says: role, grid and its levels, classes, the condition grid, and for pixels the image.</summary>
    public static OnnxModelMetadata Metadata(PixelCnnOptions o, string modelFamily, string runId, string? level = null)
    {
        string N(int value) => value.ToString(CultureInfo.InvariantCulture);
        var pixels = o.Input == PixelCnnInput.Intensity;
        var extra = new Dictionary<string, string>
        {
            [OnnxMetadataKeys.Autoregressive.Levels] = N(o.Levels),
            [OnnxMetadataKeys.Autoregressive.GridHeight] = N(o.Height),
            [OnnxMetadataKeys.Autoregressive.GridWidth] = N(o.Width),
            [OnnxMetadataKeys.Autoregressive.GridContent] = pixels ? "pixels" : "codes",
            [OnnxMetadataKeys.Autoregressive.ReceptiveFieldRows] = N(o.ReceptiveFieldRows),
        };
        if (o.IsSpatiallyConditioned)
        {
            extra[OnnxMetadataKeys.Autoregressive.ConditionLevels] = N(o.ConditionLevels);
            extra[OnnxMetadataKeys.Autoregressive.ConditionHeight] = N(o.ConditionHeight);
            extra[OnnxMetadataKeys.Autoregressive.ConditionWidth] = N(o.ConditionWidth);
        }

        if (o.UnconditionalLabel)
        {
            extra[OnnxMetadataKeys.Autoregressive.UnconditionalLabel] = N(o.ClassCount);
        }

        if (level is not null)
        {
            extra[OnnxMetadataKeys.Autoregressive.Level] = level;
        }

        return new OnnxModelMetadata
        {
            ModelFamily = modelFamily,
            Role = OnnxMetadataKeys.Roles.Autoregressive,
            ImageChannels = pixels ? 1 : null,
            ImageHeight = pixels ? o.Height : null,
            ImageWidth = pixels ? o.Width : null,
            ValueRange = pixels ? (0, o.Levels - 1) : null,
            Normalization = pixels ? "none" : null,
            ClassCount = o.IsClassConditional ? o.ClassCount : null,
            TrainingRunId = runId,
            Extra = extra,
        };
    }

    /// <summary>An unconditional network with the one-tensor forward the parity check calls.</summary>
    private sealed class GridOnly : nn.Module<Tensor, Tensor>
    {
        private readonly PixelCnn net;

        public GridOnly(PixelCnn net) : base(nameof(GridOnly))
        {
            this.net = net;
            RegisterComponents();
        }

        public PixelCnn Net => net;

        public override Tensor forward(Tensor grid) => net.call(grid, null, null);
    }

    /// <summary>A network conditioned on labels or on a condition grid, with the two-tensor forward the parity check calls.</summary>
    private sealed class GridAndOne : nn.Module<Tensor, Tensor, Tensor>
    {
        private readonly PixelCnn net;
        private readonly bool _labelsSecond;

        public GridAndOne(PixelCnn net, bool labelsSecond) : base(nameof(GridAndOne))
        {
            this.net = net;
            _labelsSecond = labelsSecond;
            RegisterComponents();
        }

        public PixelCnn Net => net;

        public override Tensor forward(Tensor grid, Tensor second) =>
            _labelsSecond ? net.call(grid, second, null) : net.call(grid, null, WholeCondition(net, second));
    }

    /// <summary>A network conditioned on labels and a condition grid, with the three-tensor forward the parity check calls.</summary>
    private sealed class GridLabelAndCondition : nn.Module<Tensor, Tensor, Tensor, Tensor>
    {
        private readonly PixelCnn net;

        public GridLabelAndCondition(PixelCnn net) : base(nameof(GridLabelAndCondition))
        {
            this.net = net;
            RegisterComponents();
        }

        public PixelCnn Net => net;

        public override Tensor forward(Tensor grid, Tensor labels, Tensor condition) => net.call(grid, labels, WholeCondition(net, condition));
    }

    // The band check feeds only the condition rows a band from row 0 reads; the network takes the whole condition grid,
    // so the rows below (never read) are zeros here.
    private static Tensor WholeCondition(PixelCnn net, Tensor condition)
    {
        var missing = net.Options.ConditionHeight - condition.shape[1];
        return missing == 0 ? condition : cat([condition, zeros([condition.shape[0], missing, condition.shape[2]], condition.dtype, condition.device)], 1);
    }
}
