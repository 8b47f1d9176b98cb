using System.Runtime.InteropServices;
using Google.Protobuf;

namespace Pipeline.Onnx.Graph;

/// <summary>TensorProto constructors. Values go to raw_data (little-endian), the compact form ONNX Runtime reads fastest.</summary>
public static class OnnxTensors
{
    /// <summary>A float32 tensor with the given dimensions.</summary>
    public static TensorProto Float(string name, ReadOnlySpan<float> values, IEnumerable<long> dims) =>
        Create(name, OnnxElementType.Float32, MemoryMarshal.AsBytes(values), dims);

    /// <summary>An int64 tensor with the given dimensions.</summary>
    public static TensorProto Int64(string name, ReadOnlySpan<long> values, IEnumerable<long> dims) =>
        Create(name, OnnxElementType.Int64, MemoryMarshal.AsBytes(values), dims);

    /// <summary>Number of elements of a tensor with these dimensions.</summary>
    public static long ElementCount(TensorProto tensor) => tensor.Dims.Aggregate(1L, (product, dim) => product * dim);

    private static TensorProto Create(string name, OnnxElementType type, ReadOnlySpan<byte> bytes, IEnumerable<long> dims)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX raw_data is little-endian; this exporter does not byte-swap.");
        }

        var proto = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(bytes) };
        proto.Dims.AddRange(dims);
        return proto;
    }
}
