using System.Diagnostics;
using Pipeline.Application.Classifiers;
using Pipeline.Application.Exports;
using Pipeline.Application.PixelCnn;
using Pipeline.Inference.Pictures;
using Pipeline.Export;
using Pipeline.Export.Families;
using Pipeline.Onnx;
using Pipeline.Onnx.Sampling;
using Pipeline.Reports;
using Pipeline.Training;
using Pipeline.Training.Batching;
using Pipeline.Training.Classifiers;
using Pipeline.Training.PixelCnn;
using Pipeline.Training.VqVae2;

namespace Pipeline.Application.VqVae2;

/// <summary>
/// What a user does with a VQ-VAE-2 (Razavi et al. 2019), one stage per call as in rosinality/vq-vae-2-pytorch: train
/// the autoencoder → evaluate, reconstruct, extract its codes → train the top prior, then the bottom prior (in
/// RUN/priors/LEVEL) → sample → export. Each call writes into the run folder (or the path given) and returns what it wrote.
/// </summary>
/// <example>
/// <code>
/// var report = VqVae2Operations.Train(new TrainingRequest&lt;VqVae2RunConfig&gt;(config, "runs/vq", Resume: false, torch.CPU));
/// foreach (var level in VqVae2PriorLevel.All)
/// {
///     var prior = new VqVae2PriorRunConfig(level, PixelCnnOptions.CodePrior(2, 1, 1, 0), new PixelCnnTrainingOptions(Epochs: 1), Codes: null);
///     VqVae2Operations.TrainPrior(new TrainingRequest&lt;VqVae2PriorRunConfig&gt;(prior, VqVae2PriorRunConfig.FolderOf("runs/vq", level), Resume: false, torch.CPU));
/// }
///
/// using var model = TrainedVqVae2.Load("runs/vq", torch.CPU);
/// using var priors = VqVae2Priors.Load(model, torch.CPU);
/// var pictures = VqVae2Operations.Sample(model, priors, torch.CPU, new SampleRequest(10, null, new CategoricalSampling(), Seed: 1));
/// </code>
/// </example>
public static class VqVae2Operations
{
    /// <summary>Images drawn per batch: large enough to amortise a pass per position, small enough for memory.</summary>
    private const int SampleBatch = 100;

    /// <summary>Opens (or creates) the autoencoder's run for training.</summary>
    public static TrainingSession<VqVae2RunConfig, VqVae2Metrics> OpenTraining(TrainingRequest<VqVae2RunConfig> request) =>
        TrainingJob.Open(VqVae2TrainingPlan.Instance, request);

    /// <summary>Trains (or resumes) the autoencoder to its end, cancellation or divergence (which keeps the last good checkpoint).</summary>
    public static TrainingReport<VqVae2Metrics> Train(TrainingRequest<VqVae2RunConfig> request, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default) =>
        TrainingJob.Run(VqVae2TrainingPlan.Instance, request, progress, cancellation);

    /// <summary>
    /// Opens (or creates) one prior's run, whose <see cref="TrainingRequest{TConfig}.RunPath"/> is
    /// <see cref="VqVae2PriorRunConfig.FolderOf"/> of its autoencoder run and level; <paramref name="notes"/> hears about the codes.
    /// </summary>
    public static TrainingSession<VqVae2PriorRunConfig, PixelCnnMetrics> OpenPriorTraining(TrainingRequest<VqVae2PriorRunConfig> request, IProgress<string>? notes = null) =>
        TrainingJob.Open(new VqVae2PriorTrainingPlan(request.RunPath, request.Device, notes), request);

    /// <summary>Trains (or resumes) one prior on its autoencoder's codes (extracted first when they are missing or stale).</summary>
    public static TrainingReport<PixelCnnMetrics> TrainPrior(TrainingRequest<VqVae2PriorRunConfig> request, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default,
        IProgress<string>? notes = null) =>
        TrainingJob.Run(new VqVae2PriorTrainingPlan(request.RunPath, request.Device, notes), request, progress, cancellation);

    /// <summary>
    /// MSE, PSNR and per-level codebook use on the whole test set; when both priors are trained, also their exact test
    /// bits per code and <paramref name="priorSamples"/> class-conditional samples (classes in turn, drawn with
    /// <paramref name="sampling"/>) judged by the classifier. Saved in the run; <paramref name="notes"/> hears about the
    /// codes and the judging classifier.
    /// </summary>
    public static EvaluationReport<VqVae2RunEvaluation> Evaluate(TrainedVqVae2 model, Device device, string? classifierPath = null, int priorSamples = 100,
        CategoricalSampling? sampling = null, int seed = 1, IProgress<string>? notes = null)
    {
        var autoencoder = VqVae2Evaluator.Evaluate(model.Model, model.Data.Test, device);
        var result = new VqVae2RunEvaluation(model.Step, autoencoder);
        if (VqVae2Priors.Exist(model.Run.Path))
        {
            using var priors = VqVae2Priors.Load(model, device);
            result = result with { Priors = EvaluatePriors(model, priors, device, classifierPath, priorSamples, sampling ?? new CategoricalSampling(), seed, notes) };
        }

        return new(result, model.Run.WriteEvaluation(result));
    }

    /// <summary>Test images and their reconstructions from both code grids in alternating rows.</summary>
    /// <exception cref="ArgumentException">the test set has fewer than <paramref name="count"/> images.</exception>
    public static Picture Reconstruct(TrainedVqVae2 model, Device device, int count, string? path = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var o = model.Config.Model;
        var images = TestImages(model, device, count);
        var (top, bottom) = model.Model.Encode(images);
        var decoded = model.Model.DecodeCodes(top, bottom);
        var perImage = o.Channels * o.ImageSize * o.ImageSize;
        var columns = PictureGrids.Columns(count);
        var cells = ImageGrid.Alternating(TensorPixels.ToArray(images), TensorPixels.ToArray(decoded), count, perImage, columns);
        return PictureGrids.Save(path ?? model.Run.File("images", "reconstructions.png"), cells, cells.Length / perImage, (o.Channels, o.ImageSize, o.ImageSize), columns,
            "originals (odd rows) and reconstructions from the top and bottom codes (even rows)");
    }

    /// <summary>
    /// Ancestral samples (top codes, bottom codes, decode), image n from seed <see cref="SampleRequest.Seed"/> + n, as a PNG
    /// grid (one row per class in turn) and/or IDX files with the requested labels; <paramref name="notes"/> hears how long drawing took.
    /// </summary>
    /// <exception cref="ArgumentException">a label outside the priors' classes.</exception>
    public static IReadOnlyList<Picture> Sample(TrainedVqVae2 model, VqVae2Priors priors, Device device, SampleRequest request, IProgress<string>? notes = null)
    {
        var clock = Stopwatch.StartNew();
        var (pixels, drawn) = Draw(model, priors, device, request.Count, request.Labels, request.Sampling, request.Seed);
        var o = model.Config.Model;
        var classes = priors.Top.Config.Model.ClassCount;
        notes?.Report($"{request.Count} images drawn code by code in {clock.Elapsed.TotalSeconds:F1} s ({request.Count / clock.Elapsed.TotalSeconds:F2} images/s; {priors.Top.Model.Options.Positions} + {priors.Bottom.Model.Options.Positions} prior passes per batch)");
        return PictureGrids.SaveGenerated(request.Stem(model.Run), pixels, drawn, (o.Channels, o.ImageSize, o.ImageSize), classes, model.Run.Id, request.Png, request.Idx,
            classes > 0 && request.EveryClass, model.Data.Train.ClassNames);
    }

    /// <summary>
    /// Exports the encoder and decoder (verified on real test images) and, when both priors are trained, top-prior.onnx and
    /// bottom-prior.onnx (verified on the codes of real test images) into <paramref name="directory"/>, with the plain ML.NET
    /// zip and a model card. <paramref name="notes"/> hears when there are no priors to export.
    /// </summary>
    public static ExportReport Export(TrainedVqVae2 model, string directory, int opset = OnnxVersions.DefaultOpset, IProgress<string>? notes = null)
    {
        using var scope = NewDisposeScope();
        var test = model.Data.Test;
        var files = VqVae2OnnxExport.Export(model.Model, directory, model.Run.Id, test.ClassCount, TestImages(model, CPU, Math.Min(16, test.Count)), opset);
        var card = VqVae2RunCard.Create(model, files);
        var exported = new List<(string Role, OnnxExportReport File)> { ("encoder", files.Encoder), ("decoder", files.Decoder) };
        if (VqVae2Priors.Exist(model.Run.Path))
        {
            using var priors = VqVae2Priors.Load(model, CPU);
            var priorFiles = ExportPriors(model, priors, directory, opset);
            VqVae2RunCard.AddPriors(card, priors, priorFiles);
            exported.AddRange([("top prior", priorFiles.Top), ("bottom prior", priorFiles.Bottom)]);
        }
        else
        {
            notes?.Report($"no trained priors in {Path.Combine(model.Run.Path, "priors")}: exported the autoencoder only (train them with `pipeline train vqvae2-prior --autoencoder {model.Run.Path} --level top`, then `--level bottom`)");
        }

        return ExportFolder.Complete(directory, model.Run.Id, exported, card);
    }

    /// <summary>The first <paramref name="count"/> test images as one tensor on <paramref name="device"/>.</summary>
    /// <exception cref="ArgumentException">the test set has fewer images.</exception>
    public static Tensor TestImages(TrainedVqVae2 model, Device device, int count)
    {
        var test = model.Data.Test;
        return count > test.Count ? throw new ArgumentException($"asked for {count} test images, the test set has {test.Count}.") : MiniBatchLoader.First(test, count, device);
    }

    // Each prior's exact test bits per code on the run's codes, and samples judged by the classifier.
    private static VqVae2PriorEvaluation EvaluatePriors(TrainedVqVae2 model, VqVae2Priors priors, Device device, string? classifierPath, int samples,
        CategoricalSampling sampling, int seed, IProgress<string>? notes)
    {
        var stamp = VqVae2Codes.Ensure(model.Run.Path, device, notes);
        var codes = VqVae2CodeSet.FolderOf(model.Run.Path);
        var bits = new[] { priors.Top, priors.Bottom }.ToDictionary(
            p => p.Config.Level,
            p => PixelCnnEvaluator.Evaluate(p.Model, PriorCodes.Load(CodeFiles.In(codes, "test"), p.Config.Level, stamp, device)).BitsPerDimension);
        GeneratedJudgement? judgement = null;
        double perSecond = 0;
        if (samples > 0)
        {
            using var classifier = JudgingClassifier.Load(model.Run.Path, model.Config.Data, model.Data, device, classifierPath, seed, notes);
            var clock = Stopwatch.StartNew();
            var (pixels, labels) = Draw(model, priors, device, samples, null, sampling, seed);
            perSecond = samples / clock.Elapsed.TotalSeconds;
            using var scope = NewDisposeScope();
            var o = model.Config.Model;
            var images = tensor(pixels, [samples, o.Channels, o.ImageSize, o.ImageSize], device: device);
            var requested = priors.Top.Config.Model.IsClassConditional ? tensor(labels.Select(l => (long)l).ToArray(), device: device) : null;
            judgement = GeneratedImageJudge.Judge(classifier, images, requested, model.Data.Train, model.Data.Test, device);
        }

        return new(priors.Top.Step, priors.Bottom.Step, bits[VqVae2PriorLevel.Top], bits[VqVae2PriorLevel.Bottom], stamp.TestImages, samples, samples > 0 ? sampling : null, judgement, perSecond);
    }

    // Planar pixels (N·C·H·W in [0, 1]) and labels of count samples, drawn in batches; image n has seed seed + n.
    private static (float[] Pixels, int[] Labels) Draw(TrainedVqVae2 model, VqVae2Priors priors, Device device, int count, IReadOnlyList<int>? labels, CategoricalSampling sampling, int seed)
    {
        var requested = PixelCnnSampler.Labels(priors.Top.Model, count, labels) ?? new long[count];
        var pixels = new List<float>();
        for (var first = 0; first < count; first += SampleBatch)
        {
            using var scope = NewDisposeScope();
            var n = Math.Min(SampleBatch, count - first);
            var seeds = Enumerable.Range(first, n).Select(i => (long)seed + i).ToArray();
            var (images, top, bottom) = VqVae2Sampler.Sample(model.Model, priors.Top.Model, priors.Bottom.Model, seeds, requested[first..(first + n)], sampling, device);
            pixels.AddRange(TensorPixels.ToArray(images));
            top.Dispose();
            bottom.Dispose();
        }

        return ([.. pixels], requested.Select(l => (int)l).ToArray());
    }

    // top-prior.onnx and bottom-prior.onnx, verified on random grids and on the codes of real test images.
    private static VqVae2PriorOnnxFiles ExportPriors(TrainedVqVae2 model, VqVae2Priors priors, string directory, int opset)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var test = model.Data.Test;
        var count = Math.Min(8, test.Count);
        var (images, labels) = new MiniBatchLoader(test, count, 0, CPU, shuffle: false).Gather(Enumerable.Range(0, count).ToArray());
        var (top, bottom) = model.Model.Encode(images);
        return VqVae2PriorOnnxExport.Export(priors.Top.Model, priors.Bottom.Model, directory, model.Run.Id, (top, bottom, labels), opset, model.Config.Data.ClassNames());
    }
}
