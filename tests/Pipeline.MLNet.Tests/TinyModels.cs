using Google.Protobuf;
using Pipeline.Onnx;
using Pipeline.Onnx.Graph;

namespace Pipeline.MLNet.Tests;

/// <summary>
/// Tiny ONNX models built with Pipeline.Onnx's graph builder, with our metadata: each kind of graph input and role
/// the ML.NET side supports, without TorchSharp. Their outputs are easy to compute by hand.
/// </summary>
internal static class TinyModels
{
    public const int Classes = 3;

    /// <summary>A 4×4 table of grey levels: code k is the grey level <see cref="Level"/>(k).</summary>
    public const int Codes = 4;

    /// <summary>Generator: image[b, 1, 2, 2] = sigmoid(z·Wᵀ + E[label]), z of 2, labels 0..2.</summary>
    public static string Generator(string directory)
    {
        var b = new OnnxGraphBuilder();
        var z = b.AddInput("z", OnnxElementType.Float32, [OnnxGraphBuilder.DynamicBatch, 2]);
        var label = b.AddInput("label", OnnxElementType.Int64, [OnnxGraphBuilder.DynamicBatch]);
        var weight = b.AddInitializer("weight", OnnxTensors.Float(string.Empty, [1, 0, 0, 1, 1, 1, -1, 0], [4, 2]));
        var table = b.AddInitializer("table", OnnxTensors.Float(string.Empty, [0, 0, 0, 0, 1, 1, 1, 1, -1, 0, 1, 2], [Classes, 4]));
        var sum = b.Add(b.Gemm(z, weight, null, transposeB: true), b.Gather(table, label, 0));
        b.AddOutput(b.Reshape(b.Sigmoid(sum), [0, 1, 2, 2]), "image");
        return Save(b, directory, "tiny-generator.onnx", OnnxMetadataKeys.Roles.Generator, channels: 1, size: 2, latent: 2, classes: Classes);
    }

    /// <summary>z · W + E[label] before the sigmoid, for checking <see cref="Generator"/> by hand.</summary>
    public static float[] Generated(float[] z, int label)
    {
        float[][] w = [[1, 0], [0, 1], [1, 1], [-1, 0]];
        float[][] e = [[0, 0, 0, 0], [1, 1, 1, 1], [-1, 0, 1, 2]];
        return Enumerable.Range(0, 4).Select(i => 1f / (1f + MathF.Exp(-((w[i][0] * z[0]) + (w[i][1] * z[1]) + e[label][i])))).ToArray();
    }

    /// <summary>Code-grid decoder: codes[b, 2, 2] (int64) → image[b, 1, 2, 2] = table[codes].</summary>
    public static string GridDecoder(string directory)
    {
        var b = new OnnxGraphBuilder();
        var codes = b.AddInput("codes", OnnxElementType.Int64, [OnnxGraphBuilder.DynamicBatch, 2, 2]);
        var table = b.AddInitializer("embedding", OnnxTensors.Float(string.Empty, Enumerable.Range(0, Codes).Select(Level).ToArray(), [Codes, 1]));
        var gathered = b.Gather(table, codes, 0); // (B, 2, 2, 1)
        b.AddOutput(b.Transpose(gathered, [0, 3, 1, 2]), "image");
        return Save(b, directory, "tiny-grid-decoder.onnx", OnnxMetadataKeys.Roles.Decoder, channels: 1, size: 2);
    }

    /// <summary>
    /// Two-level decoder with VQ-VAE-2's input names: top_codes[b, 1, 1] and bottom_codes[b, 2, 2] (int64) →
    /// image[b, 1, 2, 2] = table[bottom] + table[top] (the top code added to every pixel).
    /// </summary>
    public static string TwoLevelDecoder(string directory)
    {
        var b = new OnnxGraphBuilder();
        var top = b.AddInput(VqVae2ExportFolder.TopCodes, OnnxElementType.Int64, [OnnxGraphBuilder.DynamicBatch, 1, 1]);
        var bottom = b.AddInput(VqVae2ExportFolder.BottomCodes, OnnxElementType.Int64, [OnnxGraphBuilder.DynamicBatch, 2, 2]);
        var table = b.AddInitializer("embedding", OnnxTensors.Float(string.Empty, Enumerable.Range(0, Codes).Select(Level).ToArray(), [Codes, 1]));
        var sum = b.Add(b.Gather(table, bottom, 0), b.Gather(table, top, 0)); // (B, 2, 2, 1)
        b.AddOutput(b.Transpose(sum, [0, 3, 1, 2]), "image");
        return Save(b, directory, "tiny-two-level-decoder.onnx", OnnxMetadataKeys.Roles.Decoder, channels: 1, size: 2, extra: new Dictionary<string, string>
        {
            [OnnxMetadataKeys.Codes.TopCodebookSize] = Codes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [OnnxMetadataKeys.Codes.BottomCodebookSize] = Codes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    /// <summary>The grey level of code <paramref name="k"/> in <see cref="GridDecoder"/>.</summary>
    public static float Level(int k) => k / (float)(Codes - 1);

    /// <summary>Encoder: image[b, 1, 2, 2] → its mean [b, 1] (an image model that is no generator, decoder or translator).</summary>
    public static string Encoder(string directory)
    {
        var b = new OnnxGraphBuilder();
        var x = b.AddInput("image", OnnxElementType.Float32, [OnnxGraphBuilder.DynamicBatch, 1, 2, 2]);
        b.AddOutput(b.Gemm(b.Reshape(x, [0, 4]), b.AddInitializer("weight", OnnxTensors.Float(string.Empty, [0.25f, 0.25f, 0.25f, 0.25f], [1, 4])), null, transposeB: true), "mean");
        return Save(b, directory, "tiny-encoder.onnx", OnnxMetadataKeys.Roles.Encoder, channels: 1, size: 2, latent: 1);
    }

    /// <summary>Translator: image[b, 3, 4, 4] in [0, 1] → its negative 1 − x.</summary>
    public static string Translator(string directory)
    {
        var b = new OnnxGraphBuilder();
        var x = b.AddInput("source", OnnxElementType.Float32, [OnnxGraphBuilder.DynamicBatch, 3, 4, 4]);
        b.AddOutput(b.Sub(b.Constant([1f]), x), "translated");
        return Save(b, directory, "tiny-translator.onnx", OnnxMetadataKeys.Roles.Translator, channels: 3, size: 4);
    }

    /// <summary>
    /// Super-resolution translator with symbolic H and W: image[b, 3, h, w] → nearest-neighbour ×2 [b, 3, 2h, 2w];
    /// the metadata says 4×4 in, 8×8 out.
    /// </summary>
    public static string Upscaler(string directory)
    {
        var b = new OnnxGraphBuilder();
        var x = b.AddInput("low", OnnxElementType.Float32, [OnnxGraphBuilder.DynamicBatch, 3, 4, 4]);
        b.AddOutput(b.Resize(x, [1, 1, 2, 2], "nearest", "asymmetric", "floor"), "high");
        return Save(b, directory, "tiny-upscaler.onnx", OnnxMetadataKeys.Roles.Translator, channels: 3, size: 4, extra: new Dictionary<string, string>
        {
            [OnnxMetadataKeys.Translation.OutputHeight] = "8",
            [OnnxMetadataKeys.Translation.OutputWidth] = "8",
            [OnnxMetadataKeys.Translation.DynamicSize] = "true",
        });
    }

    private static string Save(OnnxGraphBuilder b, string directory, string name, string role, int channels, int size, int? latent = null, int? classes = null,
        IReadOnlyDictionary<string, string>? extra = null)
    {
        var metadata = new OnnxModelMetadata
        {
            ModelFamily = "tiny",
            Role = role,
            ImageChannels = channels,
            ImageHeight = size,
            ImageWidth = size,
            ValueRange = (0, 1),
            Normalization = "none",
            LatentSize = latent,
            ClassCount = classes,
            Extra = extra ?? new Dictionary<string, string>(),
        };
        var path = Path.Combine(directory, name);
        var model = b.BuildModel(Path.GetFileNameWithoutExtension(name), metadata.ToProperties());
        if (extra?.ContainsKey(OnnxMetadataKeys.Translation.DynamicSize) == true)
        {
            // As the translator exporter writes it: H and W symbolic on the input and output, no intermediate shapes.
            foreach (var (value, names) in new[] { (model.Graph.Input[0], new[] { "height", "width" }), (model.Graph.Output[0], new[] { "out_height", "out_width" }) })
            {
                value.Type.TensorType.Shape.Dim[2] = new Pipeline.Onnx.Proto.TensorShapeProto.Types.Dimension { DimParam = names[0] };
                value.Type.TensorType.Shape.Dim[3] = new Pipeline.Onnx.Proto.TensorShapeProto.Types.Dimension { DimParam = names[1] };
            }

            model.Graph.ValueInfo.Clear();
        }

        File.WriteAllBytes(path, model.ToByteArray());
        OnnxChecker.AssertValid(path);
        return path;
    }
}
