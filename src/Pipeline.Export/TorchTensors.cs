using Pipeline.Onnx.Proto;
using TorchSharp;

namespace Pipeline.Export;

/// <summary>TorchSharp tensors as ONNX initializers.</summary>
public static class TorchTensors
{
    /// <summary>A TorchSharp tensor as float32 (the exporter's only weight type), copied to the CPU.</summary>
    public static TensorProto FromTorch(string name, Tensor tensor)
    {
        using var scope = NewDisposeScope();
        var values = tensor.detach().cpu().to_type(ScalarType.Float32).contiguous();
        return OnnxTensors.Float(name, values.data<float>().ToArray(), tensor.shape);
    }

}
