using System.Globalization;
using Pipeline.Export.Converters;
using Pipeline.Models.VqVae2;
using Pipeline.Onnx.Optimization;

namespace Pipeline.Export.Families;

/// <summary>The two files a trained VQ-VAE-2 exports as, and how each was verified.</summary>
public sealed record VqVae2OnnxFiles(OnnxExportReport Encoder, OnnxExportReport Decoder);

/// <summary>
/// Exports a VQ-VAE-2 (Razavi et al. 2019) as <c>encoder.onnx</c> (image (batch, C, H, W) in [0, 1] → top_codes
/// (batch, t, t) and bottom_codes (batch, b, b), int64; quantisation is ArgMin + Gather) and <c>decoder.onnx</c> (the
/// two int64 code grids → image in [0, 1]), each verified against TorchSharp. Metadata: grid shapes and codebook size
/// per level (<see cref="OnnxMetadataKeys.Codes"/>), image shape, and the class count of the data (for the priors).
/// </summary>
public static class VqVae2OnnxExport
{
    /// <summary>File name of the encoder inside the export folder.</summary>
    public const string EncoderFile = VqVae2ExportFolder.EncoderFile;

    /// <summary>File name of the decoder inside the export folder.</summary>
    public const string DecoderFile = VqVae2ExportFolder.DecoderFile;

    /// <summary>Graph input/output names of the code grids.</summary>
    public const string TopCodes = VqVae2ExportFolder.TopCodes, BottomCodes = VqVae2ExportFolder.BottomCodes;

    /// <summary>
    /// Writes both files into <paramref name="directory"/>. <paramref name="realImages"/> (B, C, H, W) in [0, 1] join the
    /// random verification batches, and their codes become real decoder inputs.
    /// </summary>
    public static VqVae2OnnxFiles Export(VqVae2Autoencoder model, string directory, string runId, int? classCount = null,
        Tensor? realImages = null, int opset = OnnxVersions.DefaultOpset)
    {
        var o = model.Options;
        Directory.CreateDirectory(directory);
        var registry = ConverterRegistry.CreateDefault();
        registry.Register<CodeEncoder>(ConvertEncoder);
        registry.Register<CodeDecoder>(ConvertDecoder);
        var metadata = Metadata(o, runId, classCount);

        // Not disposed: disposing a wrapper disposes its child, the caller's model.
        var encoder = new CodeEncoder(model);
        var decoder = new CodeDecoder(model);
        using var scope = NewDisposeScope();
        IReadOnlyList<IReadOnlyList<Tensor>> encoderInputs = realImages is null ? [] : [[realImages]];
        IReadOnlyList<IReadOnlyList<Tensor>> decoderInputs = [];
        if (realImages is not null)
        {
            using var modes = Pipeline.Models.ModuleModes.Eval(model);
            using var noGrad = no_grad();
            var (top, bottom) = model.Encode(realImages);
            decoderInputs = [[top, bottom]];
        }

        var encoderReport = OnnxExporter.Export(encoder, new OnnxExportOptions
        {
            OutputPath = Path.Combine(directory, EncoderFile),
            Inputs = [OnnxTensorSpec.Batched("image", o.Channels, o.ImageSize, o.ImageSize)],
            OutputNames = [TopCodes, BottomCodes],
            ParameterPrefix = "model",
            GraphName = "vqvae2_encoder",
            // Codes may flip between equidistant codes; VqVae2CodeCheck below holds each code to being a nearest one.
            IndexMismatchTolerance = 1,
            Metadata = metadata with { Role = OnnxMetadataKeys.Roles.Encoder },
            VerificationInputs = encoderInputs,
            Opset = opset,
        }, registry);
        using (var generator = new TorchSharp.torch.Generator(1234))
        {
            try
            {
                VqVae2CodeCheck.Check(model, encoderReport.Path,
                    [.. realImages is null ? Array.Empty<Tensor>() : [realImages], rand([5, o.Channels, o.ImageSize, o.ImageSize], generator: generator)]);
            }
            catch (OnnxVerificationException)
            {
                File.Delete(encoderReport.Path);
                throw;
            }
        }

        var decoderReport = OnnxExporter.Export(decoder, new OnnxExportOptions
        {
            OutputPath = Path.Combine(directory, DecoderFile),
            Inputs =
            [
                new OnnxTensorSpec(TopCodes, [OnnxGraphBuilder.DynamicBatch, o.TopGrid, o.TopGrid], OnnxElementType.Int64) { IndexLimit = o.CodebookSize },
                new OnnxTensorSpec(BottomCodes, [OnnxGraphBuilder.DynamicBatch, o.BottomGrid, o.BottomGrid], OnnxElementType.Int64) { IndexLimit = o.CodebookSize },
            ],
            OutputNames = ["image"],
            ParameterPrefix = "model",
            GraphName = "vqvae2_decoder",
            Metadata = metadata with { Role = OnnxMetadataKeys.Roles.Decoder },
            VerificationInputs = decoderInputs,
            Opset = opset,
        }, registry);
        return new VqVae2OnnxFiles(encoderReport, decoderReport);
    }

    private static OnnxModelMetadata Metadata(VqVae2Options o, string runId, int? classCount) =>
        ImageMetadata.UnitRange("vqvae2", o.Channels, o.ImageSize, o.ImageSize, runId) with
        {
            ClassCount = classCount,
            Extra = new Dictionary<string, string>
            {
                [OnnxMetadataKeys.Codes.TopGrid] = Grid(o.TopGrid),
                [OnnxMetadataKeys.Codes.BottomGrid] = Grid(o.BottomGrid),
                [OnnxMetadataKeys.Codes.TopCodebookSize] = o.CodebookSize.ToString(CultureInfo.InvariantCulture),
                [OnnxMetadataKeys.Codes.BottomCodebookSize] = o.CodebookSize.ToString(CultureInfo.InvariantCulture),
                [OnnxMetadataKeys.Codes.CodeDim] = o.CodeDim.ToString(CultureInfo.InvariantCulture),
            },
        };

    private static string Grid(int side) => string.Create(CultureInfo.InvariantCulture, $"{side}x{side}");

    // The model's Quantize without the commitment loss: bottom features, top codes, top decoder features concatenated
    // with the bottom features (Razavi et al. 2019, algorithm 1), bottom codes.
    private static IReadOnlyList<string> ConvertEncoder(ExportContext context, CodeEncoder wrapper, IReadOnlyList<string> inputs)
    {
        var m = wrapper.Model;
        string Run(TorchSharp.torch.nn.Module module, string x) => context.Convert(module, x, Child(m, module));
        var bottom = Run(m.EncoderBottom, inputs[0]);                                  // (B, hidden, b, b)
        var top = Run(m.QuantizeConvTop, Run(m.EncoderTop, bottom));                    // (B, D, t, t)
        var topOut = context.Convert(m.QuantizeTop, [top], Child(m, m.QuantizeTop));     // [quantised, codes]
        var conditioned = context.Graph.Concat([Run(m.DecoderTop, topOut[0]), bottom], 1);
        var bottomOut = context.Convert(m.QuantizeBottom, [Run(m.QuantizeConvBottom, conditioned)], Child(m, m.QuantizeBottom));
        return [topOut[1], bottomOut[1]];
    }

    // Gather both codebooks (initializers named by the checkpoint keys, as in the encoder), upsample the top, decode from both, clip to [0, 1] (VqVae2Autoencoder.DecodeCodes).
    private static IReadOnlyList<string> ConvertDecoder(ExportContext context, CodeDecoder wrapper, IReadOnlyList<string> inputs)
    {
        var m = wrapper.Model;
        var graph = context.Graph;
        var quantTop = VectorQuantizerConverter.Embed(context, m.QuantizeTop, inputs[0], $"{Child(m, m.QuantizeTop)}.codebook");        // (B, D, t, t)
        var quantBottom = VectorQuantizerConverter.Embed(context, m.QuantizeBottom, inputs[1], $"{Child(m, m.QuantizeBottom)}.codebook"); // (B, D, b, b)
        var upsampled = context.Convert(m.UpsampleTop, quantTop, Child(m, m.UpsampleTop));  // (B, D, b, b)
        var image = context.Convert(m.Decoder, graph.Concat([upsampled, quantBottom], 1), Child(m, m.Decoder));
        return [graph.Clip(image, 0f, 1f)];
    }

    private static string Child(VqVae2Autoencoder model, TorchSharp.torch.nn.Module module) => ExportContext.ChildName(model, module);

    /// <summary>Image → (top codes, bottom codes), the model's <see cref="VqVae2Autoencoder.Encode"/>.</summary>
    private sealed class CodeEncoder : TorchSharp.torch.nn.Module<Tensor, (Tensor Top, Tensor Bottom)>
    {
        private readonly VqVae2Autoencoder model;

        public CodeEncoder(VqVae2Autoencoder model) : base(nameof(CodeEncoder))
        {
            this.model = model;
            RegisterComponents();
        }

        public VqVae2Autoencoder Model => model;

        public override (Tensor Top, Tensor Bottom) forward(Tensor images) => model.Encode(images);
    }

    /// <summary>(top codes, bottom codes) → image in [0, 1], the model's <see cref="VqVae2Autoencoder.DecodeCodes"/>.</summary>
    private sealed class CodeDecoder : TorchSharp.torch.nn.Module<Tensor, Tensor, Tensor>
    {
        private readonly VqVae2Autoencoder model;

        public CodeDecoder(VqVae2Autoencoder model) : base(nameof(CodeDecoder))
        {
            this.model = model;
            RegisterComponents();
        }

        public VqVae2Autoencoder Model => model;

        public override Tensor forward(Tensor top, Tensor bottom) => model.DecodeCodes(top, bottom);
    }
}
