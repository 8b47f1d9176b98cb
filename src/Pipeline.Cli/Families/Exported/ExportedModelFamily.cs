using Pipeline.Inference;

namespace Pipeline.Cli.Families.Exported;

/// <summary>
/// Exported ONNX models (a folder written by <c>export</c>, or one .onnx file), run through ML.NET and ONNX Runtime
/// without TorchSharp (Pipeline.Inference). Recognised by the models' metadata roles, not by a run kind.
/// </summary>
internal sealed class ExportedModelFamily : IModelFamily
{
    public string Kind => "onnx";

    public string Description => "exported ONNX models run through ML.NET";

    public IReadOnlyList<Command> TrainCommands => [];

    public IReadOnlyList<ICapability> Capabilities { get; } = [new ExportedSample(), new ExportedReconstruct(), new ExportedTranslate()];

    public bool Recognises(string path) => ExportedModelFiles.IsOnnxModel(path);
}
