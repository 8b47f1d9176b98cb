using Pipeline.Cli.Families;
using Pipeline.Onnx;

namespace Pipeline.Cli.Commands;

/// <summary><c>export RUN --out onnx/NAME</c>: verified ONNX files, the plain ML.NET zip and a model card.</summary>
internal static class ExportCommand
{
    public static Command Create(FamilyRegistry registry)
    {
        var output = new Setting<string>("--out", "folder for the ONNX files (e.g. onnx/vae-lecture)") { Required = true }.ToOption();
        var opset = new Setting<int>("--opset", $"ONNX opset ({OnnxVersions.MinOpset}..{OnnxVersions.MaxOpset}); 17 is what Debian's ONNX checker, TensorRT and OpenVINO all accept") 
        {
            Default = OnnxVersions.DefaultOpset, Rule = Within(OnnxVersions.MinOpset, OnnxVersions.MaxOpset),
        }.ToOption();
        return new FamilyVerb<IExport>(registry, "export", "Export a trained run to ONNX, verified against TorchSharp, with a model card and a zip for plain ML.NET apps.", writesOneFile: false)
            .With(output)
            .With(opset)
            .Does((exporter, context, r) => exporter.Export(context, r.GetValue(output)!, r.GetValue(opset)));
    }
}
