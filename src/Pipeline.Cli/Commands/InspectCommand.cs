using Pipeline.Onnx.Summary;

namespace Pipeline.Cli.Commands;

/// <summary><c>inspect FILE.onnx</c>: inputs, outputs, parameters, MACs and metadata of an ONNX file.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var command = new Command("inspect", "Summarise an ONNX file: inputs and outputs, parameter count, MACs per sample per layer, metadata.");
        var file = new Argument<string>("file") { Description = "an .onnx file" };
        command.Arguments.Add(file);
        command.SetAction(r => Terminal.Guard(() =>
        {
            System.Console.WriteLine(OnnxModelSummary.Read(r.GetValue(file)!).Describe());
            return 0;
        }));
        return command;
    }
}
