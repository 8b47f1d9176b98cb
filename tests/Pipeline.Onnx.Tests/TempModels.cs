using Google.Protobuf;
using Pipeline.Onnx.Proto;

namespace Pipeline.Onnx.Tests;

/// <summary>ONNX models written into a test's temporary folder (shared with Pipeline.Onnx.Optimization.Tests).</summary>
internal static class TempModels
{
    /// <summary>Writes <paramref name="model"/> as <paramref name="name"/> in <paramref name="temp"/>; returns its path.</summary>
    public static string Save(this TempDirectory temp, ModelProto model, string name)
    {
        var path = temp.File(name);
        File.WriteAllBytes(path, model.ToByteArray());
        return path;
    }
}
