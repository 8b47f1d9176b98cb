using Pipeline.Onnx.Proto;

namespace Pipeline.Export.Optimization;

/// <summary>value_info for the tensors a rewrite adds, so that the model summary still counts every multiply-add.</summary>
internal static class ValueShapes
{
    /// <summary>
    /// Declares <paramref name="name"/> as (batch, <paramref name="channels"/>, H / <paramref name="factor"/>,
    /// W / <paramref name="factor"/>), where (batch, ·, H, W) is the known shape of <paramref name="image"/>; does
    /// nothing when H and W are not known (a symbolic-size export stores the count it made before relaxing them).
    /// </summary>
    public static void AddDownscaled(GraphProto graph, string image, string name, long channels, int factor)
    {
        var known = graph.ValueInfo.Concat(graph.Input).Concat(graph.Output).FirstOrDefault(v => v.Name == image)?.Type?.TensorType;
        if (known?.Shape is not { Dim.Count: 4 } shape || !shape.Dim[2].HasDimValue || !shape.Dim[3].HasDimValue)
        {
            return;
        }

        var tensor = new TypeProto.Types.Tensor { ElemType = known.ElemType, Shape = new TensorShapeProto() };
        tensor.Shape.Dim.Add(shape.Dim[0].Clone());
        tensor.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = channels });
        tensor.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = shape.Dim[2].DimValue / factor });
        tensor.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = shape.Dim[3].DimValue / factor });
        graph.ValueInfo.Add(new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } });
    }
}
