using Pipeline.Models.Vae;
using static TorchSharp.torch.nn;

namespace Pipeline.Export.Families;

/// <summary>The two files a trained VAE exports as, and how each was verified.</summary>
public sealed record VaeOnnxFiles(OnnxExportReport Encoder, OnnxExportReport Decoder);

/// <summary>
/// Exports a VAE as an encoder (image → mean, log_var) and a decoder (z → image in [0, 1], the sigmoid of the logits),
/// each verified against TorchSharp on random and real inputs.
/// </summary>
public static class VaeOnnxExport
{
    /// <summary>File name of the encoder inside the export folder.</summary>
    public const string EncoderFile = "encoder.onnx";

    /// <summary>File name of the decoder inside the export folder.</summary>
    public const string DecoderFile = "decoder.onnx";

    /// <summary>
    /// Writes <see cref="EncoderFile"/> and <see cref="DecoderFile"/> into <paramref name="directory"/>.
    /// <paramref name="realImages"/> (B, C, H, W) in [0, 1] join the random verification batches; their posterior
    /// means become real decoder inputs.
    /// </summary>
    public static VaeOnnxFiles Export(VariationalAutoencoder vae, string directory, string runId, Tensor? realImages = null, int opset = OnnxVersions.DefaultOpset)
    {
        var o = vae.Options;
        Directory.CreateDirectory(directory);
        var metadata = ImageMetadata.UnitRange("vae", o.Channels, o.ImageSize, o.ImageSize, runId) with
        {
            LatentSize = o.LatentSize,
            Extra = new Dictionary<string, string>
            {
                ["pipeline.vae.architecture"] = o.Architecture.ToString(),
                ["pipeline.vae.likelihood"] = o.Likelihood.ToString(),
            },
        };

        using var scope = NewDisposeScope();
        IReadOnlyList<IReadOnlyList<Tensor>> encoderInputs = realImages is null ? [] : [[realImages]];
        var encoder = OnnxExporter.Export(vae.Encoder, new OnnxExportOptions
        {
            OutputPath = Path.Combine(directory, EncoderFile),
            Inputs = [OnnxTensorSpec.Batched("image", o.Channels, o.ImageSize, o.ImageSize)],
            OutputNames = ["mean", "log_var"],
            ParameterPrefix = "encoder",
            GraphName = "vae_encoder",
            Metadata = metadata with { Role = OnnxMetadataKeys.Roles.Encoder },
            VerificationInputs = encoderInputs,
            Opset = opset,
        });

        IReadOnlyList<IReadOnlyList<Tensor>> decoderInputs = [];
        if (realImages is not null)
        {
            using var noGrad = no_grad();
            decoderInputs = [[vae.Encode(realImages).Mean]];
        }

        var decoderWithMean = Sequential(("decoder", vae.Decoder), ("sigmoid", Sigmoid()));
        var decoder = OnnxExporter.Export(decoderWithMean, new OnnxExportOptions
        {
            OutputPath = Path.Combine(directory, DecoderFile),
            Inputs = [OnnxTensorSpec.Batched("z", o.LatentSize)],
            OutputNames = ["image"],
            GraphName = "vae_decoder",
            Metadata = metadata with { Role = OnnxMetadataKeys.Roles.Decoder },
            VerificationInputs = decoderInputs,
            Opset = opset,
        });
        return new VaeOnnxFiles(encoder, decoder);
    }
}
