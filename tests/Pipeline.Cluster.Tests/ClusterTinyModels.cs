using Google.Protobuf;
using Pipeline.Onnx;
using Pipeline.Onnx.Graph;

namespace Pipeline.Cluster.Tests;

/// <summary>Tiny ONNX models with our metadata, built with Pipeline.Onnx's graph builder (no TorchSharp).</summary>
internal static class ClusterTinyModels
{
    public const int Classes = 3;

    /// <summary>Class-conditional generator: image[b, 1, 2, 2] = sigmoid(z·Wᵀ + E[label]), z of 2.</summary>
    public static string Generator(string directory, string role = OnnxMetadataKeys.Roles.Generator)
    {
        var b = new OnnxGraphBuilder();
        var z = b.AddInput("z", OnnxElementType.Float32, [OnnxGraphBuilder.DynamicBatch, 2]);
        var label = b.AddInput("label", OnnxElementType.Int64, [OnnxGraphBuilder.DynamicBatch]);
        var weight = b.AddInitializer("weight", OnnxTensors.Float(string.Empty, [1, 0, 0, 1, 1, 1, -1, 0], [4, 2]));
        var table = b.AddInitializer("table", OnnxTensors.Float(string.Empty, [0, 0, 0, 0, 1, 1, 1, 1, -1, 0, 1, 2], [Classes, 4]));
        var sum = b.Add(b.Gemm(z, weight, null, transposeB: true), b.Gather(table, label, 0));
        b.AddOutput(b.Reshape(b.Sigmoid(sum), [0, 1, 2, 2]), "image");
        return Save(b, directory, $"tiny-{role}.onnx", role, channels: 1, size: 2, latent: 2, classes: Classes);
    }

    /// <summary>Translator: image[b, 3, 4, 4] in [0, 1] → its negative 1 − x.</summary>
    public static string Translator(string directory)
    {
        var b = new OnnxGraphBuilder();
        var x = b.AddInput("source", OnnxElementType.Float32, [OnnxGraphBuilder.DynamicBatch, 3, 4, 4]);
        b.AddOutput(b.Sub(b.Constant([1f]), x), "translated");
        return Save(b, directory, "tiny-translator.onnx", OnnxMetadataKeys.Roles.Translator, channels: 3, size: 4);
    }

    private static string Save(OnnxGraphBuilder b, string directory, string name, string role, int channels, int size, int? latent = null, int? classes = null)
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
        };
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, b.BuildModel(Path.GetFileNameWithoutExtension(name), metadata.ToProperties()).ToByteArray());
        return path;
    }
}
