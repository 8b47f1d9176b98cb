using System.Globalization;
using Pipeline.Application.Exports;
using Pipeline.Inference.Pictures;
using Pipeline.Export.Families;
using Pipeline.Onnx;
using Pipeline.Training;
using Pipeline.Training.Batching;
using Pipeline.Training.Vae;

namespace Pipeline.Application.Vae;

/// <summary>
/// What a user does with a variational autoencoder (Kingma and Welling 2014): train → evaluate → pictures. Each call
/// writes into the run folder (or the path given) and returns what it wrote.
/// </summary>
/// <example>
/// <code>
/// var report = VaeOperations.Train(new TrainingRequest&lt;VaeRunConfig&gt;(config, "runs/vae", Resume: false, torch.CPU));
/// using var vae = TrainedVae.Load(report.Run.Path, torch.CPU);
/// var picture = VaeOperations.Sample(vae, torch.CPU, count: 64, temperature: 1.0, seed: 1);
/// </code>
/// </example>
public static class VaeOperations
{
    /// <summary>Opens (or creates) the run for training; show its <see cref="TrainingSession{TConfig, TMetrics}.Description"/>, then call Train.</summary>
    public static TrainingSession<VaeRunConfig, VaeEpochMetrics> OpenTraining(TrainingRequest<VaeRunConfig> request) =>
        TrainingJob.Open(VaeTrainingPlan.Instance, request);

    /// <summary>Trains (or resumes) a VAE run to its end, cancellation or divergence.</summary>
    public static TrainingReport<VaeEpochMetrics> Train(TrainingRequest<VaeRunConfig> request, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default) =>
        TrainingJob.Run(VaeTrainingPlan.Instance, request, progress, cancellation);

    /// <summary>Test negative ELBO over the whole test set and the importance-weighted −log p(x) (Burda et al. 2016) on a subset; saved in the run.</summary>
    public static EvaluationReport<VaeEvaluation> Evaluate(TrainedVae vae, Device device, int samples, int images, int seed)
    {
        var result = VaeEvaluator.Evaluate(vae, device, samples, images, seed);
        return new(result, vae.Run.WriteEvaluation(result))
        {
            Title = $"VAE evaluation ({vae.Run.Id}, step {vae.Step})",
            Rows =
            [
                ($"test -ELBO ({result.TestImages} images)", $"{result.TestNegElbo:F2} nats"),
                ("  reconstruction", $"{result.TestReconstruction:F2} nats"),
                ("  KL(q(z|x) || p(z))", $"{result.TestKl:F2} nats"),
                ($"-log p(x), IWAE k={result.IwaeSamples} ({result.IwaeImages} images)", $"{result.IwaeNll:F2} nats"),
            ],
        };
    }

    /// <summary>A grid of decodings of z ~ N(0, τ²I).</summary>
    public static Picture Sample(TrainedVae vae, Device device, int count, double temperature, int seed, string? path = null)
    {
        var pixels = VaeImagery.SamplePrior(vae.Model, count, device, seed, temperature);
        return SaveGrid(vae, pixels, count, PictureGrids.Columns(count), path ?? vae.Run.File("images", "samples.png"), "prior samples");
    }

    /// <summary>The traversal grid of latent dimensions <paramref name="across"/> x <paramref name="down"/> (the manifold figure for a 2-D latent).</summary>
    public static Picture Traverse(TrainedVae vae, Device device, int across, int down, int steps, double extent, TraversalSpacing spacing, int? anchorImage = null, string? path = null)
    {
        float[]? anchor = null;
        if (anchorImage is { } index)
        {
            using var scope = NewDisposeScope();
            using var mode = new EvaluationMode(vae.Model);
            var images = TestImages(vae, device, index + 1)[index..(index + 1)];
            anchor = TensorPixels.ToArray(vae.Model.Encode(images).Mean);
        }

        var pixels = VaeImagery.Traverse(vae.Model, across, down, steps, extent, spacing, device, anchor);
        return SaveGrid(vae, pixels, steps * steps, steps, path ?? vae.Run.File("images", "traversal.png"), $"traversal of z[{across}] x z[{down}]");
    }

    /// <summary>Originals, reconstructions and edited decodings as three rows.</summary>
    public static Picture Edit(TrainedVae vae, Device device, int count, IReadOnlyList<(int Dimension, double Amount)> edits, string? path = null)
    {
        using var scope = NewDisposeScope();
        var pixels = VaeImagery.Edit(vae.Model, TestImages(vae, device, count), edits);
        var description = string.Join(", ", edits.Select(e => $"z[{e.Dimension}] {e.Amount:+0.##;-0.##}"));
        return SaveGrid(vae, pixels, 3 * count, count, path ?? vae.Run.File("images", "edit.png"), $"latent edit ({description}): originals / reconstructions / edited");
    }

    /// <summary>Test images and their reconstructions in alternating rows.</summary>
    public static Picture Reconstruct(TrainedVae vae, Device device, int count, string? path = null)
    {
        using var scope = NewDisposeScope();
        var columns = PictureGrids.Columns(count);
        var pixels = VaeImagery.Reconstruct(vae.Model, TestImages(vae, device, count), columns);
        return SaveGrid(vae, pixels, pixels.Length / vae.Config.Model.PixelCount, columns, path ?? vae.Run.File("images", "reconstructions.png"), "originals (odd rows) and reconstructions (even rows)");
    }

    /// <summary>
    /// Exports the encoder and decoder into <paramref name="directory"/>, each verified against TorchSharp on real test
    /// images, with the plain ML.NET zip and a model card that records the run's training and evaluation.
    /// </summary>
    public static ExportReport Export(TrainedVae vae, string directory, int opset = OnnxVersions.DefaultOpset)
    {
        using var scope = NewDisposeScope();
        var realImages = TestImages(vae, CPU, Math.Min(16, vae.Data.Test.Count));
        var files = VaeOnnxExport.Export(vae.Model, directory, vae.Run.Id, realImages, opset);
        var card = VaeModelCard.Create(vae.Config.Model, files, vae.Run.Id)
            .Heading("Training")
            .Bullets(TrainingHistory(vae))
            .Paragraph("Metrics are nats per image with the Bernoulli likelihood applied to grey levels, the convention of Kingma and Welling's and PyTorch's examples.");
        return ExportFolder.Complete(directory, vae.Run.Id, [("encoder", files.Encoder), ("decoder", files.Decoder)], card);
    }

    /// <summary>The first <paramref name="count"/> test images as one tensor on <paramref name="device"/>.</summary>
    /// <exception cref="ArgumentException">the test set has fewer images.</exception>
    public static Tensor TestImages(TrainedVae vae, Device device, int count)
    {
        var test = vae.Data.Test;
        if (count > test.Count)
        {
            throw new ArgumentException($"asked for {count} test images, the test set has {test.Count}.");
        }

        return MiniBatchLoader.First(test, count, device);
    }

    // The run's history for the model card: data, optimisation, the last epoch and the evaluation when there is one.
    private static IEnumerable<string> TrainingHistory(TrainedVae vae)
    {
        var o = vae.Config.Model;
        var t = vae.Config.Training;
        var metrics = new MetricsLog<VaeEpochMetrics>(vae.Run.MetricsPath).ReadAll();
        var last = metrics.Count > 0 ? metrics[^1] : null;
        var evaluation = vae.Run.ReadEvaluation<VaeEvaluation>();
        string F(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

        yield return $"data: {vae.Config.Data.Kind} from `{vae.Config.Data.Path}`{(vae.Config.Data.TrainLimit is { } n ? $" (first {n} training images)" : "")}";
        yield return $"Adam, learning rate {t.LearningRate.ToString(CultureInfo.InvariantCulture)} ({t.Schedule}), batch {t.BatchSize}, {vae.Step} steps ({(last is null ? "?" : F(last.Epoch))} epochs), β = {o.Beta.ToString(CultureInfo.InvariantCulture)}, seed {t.Seed}";
        if (last is not null)
        {
            yield return $"final epoch: train −ELBO {F(last.TrainNegElbo)}, test −ELBO {F(last.TestNegElbo)} nats/image (reconstruction {F(last.TestReconstruction)} + KL {F(last.TestKl)}); {last.ImagesPerSecond:F0} images/s";
        }

        if (evaluation is not null)
        {
            yield return $"evaluation at step {evaluation.Step}: test −ELBO {F(evaluation.TestNegElbo)} over {evaluation.TestImages} images; importance-weighted −log p(x) {F(evaluation.IwaeNll)} nats (k = {evaluation.IwaeSamples}, {evaluation.IwaeImages} images)";
        }
    }

    private static Picture SaveGrid(TrainedVae vae, float[] pixels, int count, int columns, string path, string description) =>
        PictureGrids.Save(path, pixels, count, (vae.Config.Model.Channels, vae.Config.Model.ImageSize, vae.Config.Model.ImageSize), columns, description);
}
