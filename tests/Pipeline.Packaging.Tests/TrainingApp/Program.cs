// A user's app: GenerativeNet.Application from a feed, nothing else. Trains the lecture's VAE for a few steps on
// Fashion-MNIST, exports it to ONNX and generates from the export in ML.NET. Prints one "ok" line per stage and exits
// non-zero on the first failure. Argument: a folder for the run and the export.
using Microsoft.ML;
using Microsoft.ML.Data;
using Pipeline.Application.Training;
using Pipeline.Application.Vae;
using Pipeline.Models.Vae;
using Pipeline.Training.Runs;
using Pipeline.Training.Vae;
using TorchSharp;

var root = args[0];
var run = Path.Combine(root, "run");
var training = new VaeTrainingOptions(Epochs: 1, MaxSteps: 20, BatchSize: 64, ImportanceSamples: 2, ImportanceImages: 64);
var config = new VaeRunConfig(VaeOptions.Lecture, training, DataSource.FashionMnist(trainLimit: 1280, testLimit: 64));
var report = VaeOperations.Train(new TrainingRequest<VaeRunConfig>(config, run, Resume: false, torch.CPU));
if (!report.Completed || !File.Exists(report.CheckpointPath))
{
    throw new InvalidOperationException($"training ended {report.Result.Outcome} without a checkpoint at {report.CheckpointPath}");
}

Console.WriteLine($"ok trained {report.Metrics.Count} epoch(s), checkpoint {Path.GetFileName(report.CheckpointPath)}");

using var vae = TrainedVae.Load(run, torch.CPU);
var export = VaeOperations.Export(vae, Path.Combine(root, "export"));
var decoder = export.Files.Single(f => f.Role == "decoder").File.Path;
Console.WriteLine($"ok exported {string.Join(", ", export.Files.Select(f => Path.GetFileName(f.File.Path)))}");

var ml = new MLContext(seed: 0);
var latents = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 4).Select(i => new LatentRow { Z = [.. Enumerable.Range(0, 20).Select(j => (float)Math.Sin(i + j))] }));
var images = ml.Transforms.GenerateImages("Image", decoder, "Z").Fit(latents).Transform(latents).GetColumn<float[]>("Image").ToArray();
if (images.Length != 4 || images.Any(i => i.Length != 784 || i.Any(v => v is < 0 or > 1 || float.IsNaN(v))))
{
    throw new InvalidOperationException("the exported decoder did not give four 784-pixel images in [0, 1]");
}

Console.WriteLine("ok GenerateImages 4 x 784 from the export");
return 0;

internal sealed class LatentRow
{
    [VectorType(20)]
    public float[] Z { get; set; } = [];
}
