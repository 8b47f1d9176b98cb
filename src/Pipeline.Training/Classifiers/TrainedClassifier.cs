using System.Diagnostics;
using Pipeline.Models.Classifiers;
using Pipeline.Training.Batching;
using Pipeline.Training.Checkpoints;

namespace Pipeline.Training.Classifiers;

/// <summary>What a classifier folder's config.json records: the data it learned and how well it does on its test set.</summary>
public sealed record ClassifierConfig(DataSource Data, int Channels, int ImageSize, int ClassCount, int Epochs, int Seed, double TestAccuracy)
{
    /// <summary>The run and checkpoint kind of classifier folders.</summary>
    public const string RunKind = "classifier";

    /// <summary>Written to config.json (see <see cref="RunKinds"/>).</summary>
    public string Kind => RunKind;
}

/// <summary>
/// The judge of generated images: an <see cref="ImageClassifier"/> trained once on a data set and cached in a folder
/// (config.json + checkpoints/last.ckpt), reused by every evaluation of GANs on that data.
/// </summary>
public sealed class TrainedClassifier : IDisposable
{
    private TrainedClassifier(ImageClassifier model, ClassifierConfig config)
    {
        Model = model;
        Config = config;
    }

    /// <summary>The network, in eval mode.</summary>
    public ImageClassifier Model { get; }

    /// <summary>Its data and test accuracy.</summary>
    public ClassifierConfig Config { get; }

    /// <summary>
    /// Loads the classifier cached in <paramref name="folder"/>, or trains one on <paramref name="images"/> (Adam 1e-3,
    /// batch 128) and caches it there. A cached classifier of other data (<paramref name="data"/>) or image shape is
    /// refused. The images are the caller's, already loaded: a cached classifier then costs no second load.
    /// </summary>
    public static TrainedClassifier LoadOrTrain(string folder, DataSource data, (ImageDataset Train, ImageDataset Test) images, Device device, int epochs = 2, int seed = 0, IProgress<TrainingProgress>? progress = null)
    {
        var (train, test) = images;
        if (File.Exists(Path.Combine(folder, "config.json")))
        {
            var run = RunKinds.Open(folder, ClassifierConfig.RunKind, "`evaluate` of a GAN run, which trains and caches one");
            var config = run.ReadConfig<ClassifierConfig>();
            if (config.Data.Path != data.Path || config.Channels != train.Channels || config.ImageSize != train.Height || config.ClassCount != train.ClassCount)
            {
                throw new InvalidDataException(
                    $"{folder} holds a classifier of {config.Data.Path} ({config.Channels}x{config.ImageSize}x{config.ImageSize}, {config.ClassCount} classes), " +
                    $"not of {data.Path}: choose another classifier folder.");
            }

            var model = new ImageClassifier(config.Channels, config.ImageSize, config.ClassCount);
            Checkpoint.Load(run.LastCheckpointPath, ClassifierConfig.RunKind, [("classifier", model)], []);
            model.to(device);
            model.eval();
            return new TrainedClassifier(model, config);
        }

        random.manual_seed(seed);
        var fresh = new ImageClassifier(train.Channels, train.Height, train.ClassCount);
        fresh.to(device);
        Train(fresh, train, epochs, seed, device, progress);
        var accuracy = Accuracy(fresh, test, device);
        var created = RunFolder.Create(folder);
        var result = new ClassifierConfig(data, train.Channels, train.Height, train.ClassCount, epochs, seed, accuracy);
        Checkpoint.Save(created.LastCheckpointPath, ClassifierConfig.RunKind, 0, created.Id, [("classifier", fresh)], []);
        created.WriteConfig(result);
        fresh.eval();
        return new TrainedClassifier(fresh, result);
    }

    /// <summary>Cross-entropy training with Adam; returns the loss of every step.</summary>
    public static IReadOnlyList<double> Train(ImageClassifier model, ImageDataset data, int epochs, int seed, Device device, IProgress<TrainingProgress>? progress = null, int batchSize = 128, long? maxSteps = null)
    {
        model.train();
        using var optimizer = optim.Adam(model.parameters(), 1e-3);
        var loader = new MiniBatchLoader(data, batchSize, seed, device);
        var total = Math.Min((long)epochs * loader.BatchesPerEpoch, maxSteps ?? long.MaxValue);
        var losses = new List<double>();
        var clock = Stopwatch.StartNew();
        for (var epoch = 0; epoch < epochs && losses.Count < total; epoch++)
        {
            foreach (var indices in loader.Epoch(epoch))
            {
                using var scope = NewDisposeScope();
                var (images, labels) = loader.Gather(indices);
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(model.call(images), labels);
                loss.backward();
                optimizer.step();
                losses.Add(loss.item<float>());
                progress?.Report(new TrainingProgress(losses.Count, total, (double)losses.Count / loader.BatchesPerEpoch,
                    [("loss", losses[^1])], losses.Count * (double)batchSize / clock.Elapsed.TotalSeconds));
                if (losses.Count >= total)
                {
                    break;
                }
            }
        }

        return losses;
    }

    /// <summary>Fraction of <paramref name="data"/> classified correctly.</summary>
    public static double Accuracy(ImageClassifier model, ImageDataset data, Device device)
    {
        using var mode = new EvaluationMode(model);
        var loader = new MiniBatchLoader(data, 500, 0, device, shuffle: false);
        long correct = 0;
        foreach (var indices in loader.Epoch(0))
        {
            using var scope = NewDisposeScope();
            var (images, labels) = loader.Gather(indices);
            correct += model.call(images).argmax(1).eq(labels).sum().item<long>();
        }

        return (double)correct / data.Count;
    }

    /// <summary>Predicted classes (N) and penultimate features (N, 128) of images in [0, 1], in batches, without gradient.</summary>
    public (Tensor Predictions, Tensor Features) Judge(Tensor images, int batchSize = 500)
    {
        using var mode = new EvaluationMode(Model);
        var predictions = new List<Tensor>();
        var features = new List<Tensor>();
        for (long start = 0; start < images.shape[0]; start += batchSize)
        {
            var batch = images.narrow(0, start, Math.Min(batchSize, images.shape[0] - start));
            var phi = Model.Features(batch);
            features.Add(phi);
            predictions.Add(Model.Classify(phi).argmax(1));
        }

        return (cat(predictions).MoveToOuterDisposeScope(), cat(features).MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    public void Dispose() => Model.Dispose();
}
