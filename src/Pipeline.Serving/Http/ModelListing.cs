using Pipeline.Serving.Models;

namespace Pipeline.Serving.Http;

/// <summary><c>GET /models</c>: what each model is and which verb serves it.</summary>
internal static class ModelListing
{
    public static IReadOnlyList<ModelDescription> Describe(ServedModels served) => served.Folder.Models.Select(Describe).ToArray();

    private static ModelDescription Describe(ServedModel m)
    {
        var main = m.Main ?? m.Model.Inputs.FirstOrDefault(i => i.ElementType == Onnx.Proto.TensorProto.Types.DataType.Float) ?? m.Model.Inputs[0];
        IReadOnlyList<int> output = m.Sampler is { ImageShape: var (c, h, w) } ? [c, h, w] : (m.Output ?? m.Model.Outputs[0]).Dims;
        var classes = m.ClassCount == 0 ? null
            : m.ClassNames is { Count: > 0 } names ? names
            : Enumerable.Range(0, m.ClassCount).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var verb = m.IsTranslator ? "translate" : "generate";
        return new ModelDescription(m.Name, m.Role, m.Task, verb, Path.GetFileName(m.File), main.Dims, output, classes);
    }
}
