using Pipeline.Cli.Families;
using Pipeline.Onnx;

namespace Pipeline.Cli.Commands;

/// <summary><c>export RUN --out onnx/NAME</c>: verified ONNX files, the plain ML.NET zip and a model card.</summary>
internal static class ExportCommand
{
    public static Command Create(FamilyRegistry registry)
    {
        var output = new Option<string>("--out") { Description = "folder for the ONNX files (e.g. onnx/vae-lecture)", Required = true };
        var opset = new Option<int>("--opset") { Description = $"ONNX opset ({OnnxVersions.MinOpset}..{OnnxVersions.MaxOpset}); 17 is what Debian's ONNX checker, TensorRT and OpenVINO all accept", DefaultValueFactory = _ => OnnxVersions.DefaultOpset }
            .Within(OnnxVersions.MinOpset, OnnxVersions.MaxOpset);
        return new FamilyVerb<IExport>(registry, "export", "Export a trained run to ONNX, verified against TorchSharp, with a model card and a zip for plain ML.NET apps.", writesOneFile: false)
            .With(output)
            .With(opset)
            .Does((exporter, context, r) => exporter.Export(context, r.GetValue(output)!, r.GetValue(opset)));
    }
}
