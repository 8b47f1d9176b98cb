namespace Pipeline.Cluster.Jobs;

/// <summary>
/// A batch job: which model, which items, where the outputs go. Items are numbered 0..<see cref="ItemCount"/> − 1 and
/// cut into shards of <see cref="ShardSize"/>; an item's output depends only on the spec and its number, so a shard run
/// twice, anywhere, writes the same bytes.
/// </summary>
/// <example>
/// <code>
/// var spec = JobSpec.Generation("onnx/cgan-fashion28/generator.onnx", "out/cgan", labels: [0, 1, 2], countPerLabel: 100, seed: 7);
/// </code>
/// </example>
[GenerateSerializer, Immutable, Alias("Pipeline.Cluster.JobSpec")]
public sealed record JobSpec
{
    /// <summary>Generation or translation.</summary>
    [Id(0)]
    public required JobKind Kind { get; init; }

    /// <summary>The exported ONNX file, as a path every silo can read (a shared or replicated folder).</summary>
    [Id(1)]
    public required string ModelFile { get; init; }

    /// <summary>Folder the outputs are written to, as every silo sees it.</summary>
    [Id(2)]
    public required string OutputDirectory { get; init; }

    /// <summary>Generation: the class labels of a class-conditional generator, <see cref="CountPerLabel"/> images each; empty for an unconditional one.</summary>
    [Id(3)]
    public IReadOnlyList<int> Labels { get; init; } = [];

    /// <summary>Generation: images per label (or in all, without labels).</summary>
    [Id(4)]
    public int CountPerLabel { get; init; }

    /// <summary>Generation: the seed; image i's noise comes from (seed, i) alone.</summary>
    [Id(5)]
    public int Seed { get; init; }

    /// <summary>Translation: the image files to translate, as every silo sees them.</summary>
    [Id(6)]
    public IReadOnlyList<string> InputFiles { get; init; } = [];

    /// <summary>The default <see cref="ShardSize"/>.</summary>
    public const int DefaultShardSize = 256;

    /// <summary>The default <see cref="BatchSize"/>.</summary>
    public const int DefaultBatchSize = 64;

    /// <summary>Items per shard. 256 keeps a shard's fixed cost (a grain call, a state write) small against its work
    /// while leaving enough shards to spread over silos and to lose little when a silo dies.</summary>
    [Id(7)]
    public int ShardSize { get; init; } = DefaultShardSize;

    /// <summary>Rows per ONNX Runtime call inside a shard (fixed per job, so batches, and bytes, are the same on every run).</summary>
    [Id(8)]
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>Shards a job keeps in flight at once; 0 means two per active silo.</summary>
    [Id(9)]
    public int Parallelism { get; init; }

    /// <summary>Value equality, lists compared item by item (a spec that travelled between silos equals the original).</summary>
    public bool Equals(JobSpec? other) => other is not null
        && (Kind, ModelFile, OutputDirectory, CountPerLabel, Seed, ShardSize, BatchSize, Parallelism)
            == (other.Kind, other.ModelFile, other.OutputDirectory, other.CountPerLabel, other.Seed, other.ShardSize, other.BatchSize, other.Parallelism)
        && Labels.SequenceEqual(other.Labels)
        && InputFiles.SequenceEqual(other.InputFiles, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, ModelFile, OutputDirectory, CountPerLabel, Seed, Labels.Count, InputFiles.Count);

    /// <summary>A generation job.</summary>
    public static JobSpec Generation(string modelFile, string outputDirectory, IReadOnlyList<int> labels, int countPerLabel, int seed) => new()
    {
        Kind = JobKind.Generate,
        ModelFile = modelFile,
        OutputDirectory = outputDirectory,
        Labels = labels,
        CountPerLabel = countPerLabel,
        Seed = seed,
    };

    /// <summary>A translation job.</summary>
    public static JobSpec Translation(string modelFile, string outputDirectory, IReadOnlyList<string> inputFiles) => new()
    {
        Kind = JobKind.Translate,
        ModelFile = modelFile,
        OutputDirectory = outputDirectory,
        InputFiles = inputFiles,
    };

    /// <summary>Images to generate or files to translate.</summary>
    public int ItemCount => Kind == JobKind.Generate ? Math.Max(1, Labels.Count) * CountPerLabel : InputFiles.Count;

    /// <summary>Number of shards.</summary>
    public int ShardCount => (ItemCount + ShardSize - 1) / ShardSize;

    /// <summary>The items of shard <paramref name="shard"/>: [First, First + Count).</summary>
    public (int First, int Count) ShardRange(int shard)
    {
        if (shard < 0 || shard >= ShardCount)
        {
            throw new ArgumentOutOfRangeException(nameof(shard), shard, $"The job has {ShardCount} shards.");
        }

        var first = shard * ShardSize;
        return (first, Math.Min(ShardSize, ItemCount - first));
    }

    /// <summary>The class label of generated image <paramref name="item"/>, or null without labels.</summary>
    public int? LabelOf(int item) => Labels.Count == 0 ? null : Labels[item / CountPerLabel];

    /// <summary>The output file of item <paramref name="item"/>, relative to <see cref="OutputDirectory"/>.</summary>
    public string OutputName(int item) => Kind == JobKind.Generate
        ? LabelOf(item) is int label ? Path.Combine($"label-{label}", $"{item:D7}.png") : $"{item:D7}.png"
        : Path.GetFileNameWithoutExtension(InputFiles[item]) + ".png";

    /// <summary>Checks the spec on its own (the model is checked where it is loaded).</summary>
    /// <exception cref="ArgumentException">The first problem found, naming the option.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ModelFile))
        {
            throw new ArgumentException("The job needs a model file (ModelFile).", nameof(ModelFile));
        }

        if (string.IsNullOrWhiteSpace(OutputDirectory))
        {
            throw new ArgumentException("The job needs an output folder (OutputDirectory).", nameof(OutputDirectory));
        }

        if (ShardSize < 1 || BatchSize < 1 || Parallelism < 0)
        {
            throw new ArgumentException($"ShardSize ({ShardSize}) and BatchSize ({BatchSize}) must be at least 1, Parallelism ({Parallelism}) 0 or more.", nameof(ShardSize));
        }

        if (Kind == JobKind.Generate)
        {
            if (CountPerLabel < 1)
            {
                throw new ArgumentException($"CountPerLabel is {CountPerLabel}; a generation job makes at least one image per label.", nameof(CountPerLabel));
            }

            if (Labels.Any(l => l < 0) || Labels.Distinct().Count() != Labels.Count)
            {
                throw new ArgumentException($"Labels ({string.Join(", ", Labels)}) must be distinct class indices ≥ 0.", nameof(Labels));
            }

            if (InputFiles.Count > 0)
            {
                throw new ArgumentException("A generation job takes no InputFiles.", nameof(InputFiles));
            }

            return;
        }

        if (InputFiles.Count == 0)
        {
            throw new ArgumentException("A translation job needs at least one input file (InputFiles).", nameof(InputFiles));
        }

        var clash = InputFiles.GroupBy(f => Path.GetFileNameWithoutExtension(f), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new ArgumentException($"Input files {string.Join(" and ", clash)} would both be written as {clash.Key}.png; give them distinct names.", nameof(InputFiles));
        }
    }
}
