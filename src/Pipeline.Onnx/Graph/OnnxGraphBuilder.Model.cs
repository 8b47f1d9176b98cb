namespace Pipeline.Onnx.Graph;

public sealed partial class OnnxGraphBuilder
{
    /// <summary>The built graph as a whole model: IR version for <see cref="Opset"/>, the default-domain opset import and metadata.</summary>
    /// <param name="name">The graph's name.</param>
    /// <param name="metadata">metadata_props, e.g. our <c>pipeline.*</c> keys.</param>
    public ModelProto BuildModel(string name, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var model = new ModelProto
        {
            IrVersion = OnnxVersions.IrVersionFor(Opset),
            ProducerName = "Pipeline.Onnx",
            ProducerVersion = OnnxVersions.ExporterVersion,
            Graph = Build(name),
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = Opset });
        model.MetadataProps.AddRange((metadata ?? new Dictionary<string, string>()).Select(p => new StringStringEntryProto { Key = p.Key, Value = p.Value }));
        return model;
    }
}
