using System.Globalization;
using Pipeline.Inference.Adoption;
using Pipeline.Onnx.Optimization.Adoption;

namespace Pipeline.Cli.Commands;

/// <summary><c>adopt FILE.onnx --role translator|generator|decoder --out DIR</c>: another exporter's model, made one our transforms, verbs and cluster run.</summary>
internal static class AdoptCommand
{
    public static Command Create()
    {
        var command = new Command("adopt", "Adopt an ONNX model from another exporter (e.g. PyTorch's torch.onnx.export): write it with our metadata into --out, checked against the original in ONNX Runtime, with a model card and a plain ML.NET zip; from then on TranslateImages, translate and the cluster run it.");
        var file = new Argument<string>("file") { Description = "the .onnx file to adopt" };
        var role = new Setting<string>("--role", "what it does: translator (image → image), generator or decoder (latent → image)") { Required = true }.ToOption();
        var output = new Setting<string>("--out", "the folder to write the adopted model into") { Required = true }.ToOption();
        var size = new Setting<string?>("--image-size", "HxW to run it at, needed when the graph's height and width are symbolic (e.g. 256x256)").ToOption();
        var range = new Setting<string?>("--range", "pixel range MIN,MAX of its images (default: from the output's Tanh → -1,1 or Sigmoid → 0,1)").ToOption();
        var scale = new Setting<int>("--scale", "output size over input size, for an upscaler with symbolic sizes") { Default = 1 }.ToOption();
        var optimize = new Setting<bool>("--optimize", "also apply the ONNX Runtime CPU rewrites (pipeline optimize)").ToOption();
        var classes = new Setting<int?>("--classes", "classes of a generator with a class input").ToOption();
        var family = new Setting<string>("--family", "model family written to the metadata") { Default = "adopted" }.ToOption();
        command.Arguments.Add(file);
        foreach (var option in (Option[])[role, output, size, range, scale, classes, optimize, family])
        {
            command.Options.Add(option);
        }

        command.SetAction(r => Terminal.Guard(() =>
        {
            var settings = new AdoptionSettings(r.GetValue(role)!)
            {
                ImageSize = r.GetValue(size) is { } s ? ParseSize(s) : null,
                ValueRange = r.GetValue(range) is { } v ? ParseRange(v) : null,
                OutputScale = r.GetValue(scale) is >= 1 and var k ? k : throw new CliError("--scale must be at least 1."),
                ClassCount = r.GetValue(classes) is { } k2 ? (k2 >= 1 ? k2 : throw new CliError("--classes must be at least 1.")) : null,
                Optimize = r.GetValue(optimize),
                Family = r.GetValue(family)!,
            };
            var adopted = ModelAdoption.Adopt(r.GetValue(file)!, r.GetValue(output)!, settings);
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

    private static (int, int) ParseSize(string text) =>
        text.Split('x', 'X') is [var h, var w] && int.TryParse(h, CultureInfo.InvariantCulture, out var height) && int.TryParse(w, CultureInfo.InvariantCulture, out var width) && height > 0 && width > 0
            ? (height, width)
            : throw new CliError($"--image-size '{text}': expected HxW, e.g. 256x256.");

    private static (double, double) ParseRange(string text) =>
        text.Split(',') is [var a, var b] && double.TryParse(a, CultureInfo.InvariantCulture, out var min) && double.TryParse(b, CultureInfo.InvariantCulture, out var max) && max > min
            ? (min, max)
            : throw new CliError($"--range '{text}': expected MIN,MAX with MAX > MIN, e.g. -1,1.");
}
