using System.Globalization;
using Pipeline.Inference.Adoption;

namespace Pipeline.Cli.Commands;

/// <summary><c>adopt FILE.onnx --role translator|generator|decoder --out DIR</c>: another exporter's model, made one our transforms, verbs and cluster run.</summary>
internal static class AdoptCommand
{
    public static Command Create()
    {
        var command = new Command("adopt", "Adopt an ONNX model from another exporter (e.g. PyTorch's torch.onnx.export): write it with our metadata into --out, checked against the original in ONNX Runtime, with a model card and a plain ML.NET zip; from then on TranslateImages, translate and the cluster run it.");
        var file = new Argument<string>("file") { Description = "the .onnx file to adopt" };
        command.Arguments.Add(file);
        command.AddOptions(AdoptSettings.All.ToOptions());
        command.SetAction(r => Terminal.Guard(() =>
        {
            var values = new ParsedSettings(r);
            var settings = CliError.Check(() => AdoptSettings.Adoption(values));
            var adopted = ModelAdoption.Adopt(r.GetValue(file)!, values.Get(AdoptSettings.Output), settings);
            foreach (var note in adopted.Report.Notes)
            {
                Terminal.Info(note);
            }

            Terminal.Summary($"adopted {Path.GetFileName(r.GetValue(file))}", adopted.Report.MaxDifferences.Select(d => ($"max |original − adopted| of '{d.Key}'", d.Value.ToString("G3", CultureInfo.InvariantCulture))));
            Terminal.Wrote("adopted model", adopted.Report.Path);
            Terminal.Wrote("plain ML.NET model", adopted.Plain.ZipPath);
            Terminal.Wrote("model card", adopted.CardPath);
            return 0;
        }));
        return command;
    }
}
