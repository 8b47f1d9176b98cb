using System.CommandLine;
using Pipeline.Cli.Console;
using Pipeline.Cli.Jobs;
using Pipeline.Onnx;
using Pipeline.Training.Gans;
using Pipeline.Training.Runs;
using Pipeline.Training.Vae;
using static TorchSharp.torch;

namespace Pipeline.Cli.Commands;

/// <summary><c>export RUN --out onnx/NAME</c>: verified ONNX files and a model card.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var command = new Command("export", "Export a trained run to ONNX (VAE: encoder.onnx and decoder.onnx; GAN: generator.onnx), verified against TorchSharp, with a model card.");
        var run = RunArgument.Create();
        var output = new Option<string>("--out") { Description = "folder for the ONNX files (e.g. onnx/vae-lecture)", Required = true };
        var opset = new Option<int>("--opset") { Description = $"ONNX opset ({OnnxVersions.MinOpset}..{OnnxVersions.MaxOpset}); 17 is what Debian's ONNX checker, TensorRT and OpenVINO all accept", DefaultValueFactory = _ => OnnxVersions.DefaultOpset };
        command.Arguments.Add(run);
        command.Options.Add(output);
        command.Options.Add(opset);
        command.SetAction(r => Terminal.Guard(() =>
        {
            var version = r.GetValue(opset);
            if (version is < OnnxVersions.MinOpset or > OnnxVersions.MaxOpset)
            {
                throw new CliError($"--opset must be in {OnnxVersions.MinOpset}..{OnnxVersions.MaxOpset}, got {version}.");
            }

            if (RunKinds.Of(r.GetValue(run)!) == GanRunConfig.RunKind)
            {
                using var gan = GanJobs.Load(r.GetValue(run)!, CPU);
                ExportJobs.ExportGan(gan, r.GetValue(output)!, version);
                return 0;
            }

            using var vae = TrainedVae.Load(r.GetValue(run)!, CPU);
            ExportJobs.ExportVae(vae, r.GetValue(output)!, version);
            return 0;
        }));
        return command;
    }
}
