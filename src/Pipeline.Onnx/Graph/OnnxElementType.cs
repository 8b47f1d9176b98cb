namespace Pipeline.Onnx.Graph;

/// <summary>The tensor element types our graphs use, with ONNX's TensorProto.DataType codes.</summary>
public enum OnnxElementType
{
    /// <summary>32-bit float: weights, images, latents.</summary>
    Float32 = 1,

    /// <summary>64-bit integer: indices (Gather, ArgMin) and shapes.</summary>
    Int64 = 7,
}
