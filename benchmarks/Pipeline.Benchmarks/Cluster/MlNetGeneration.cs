using Microsoft.ML;
using Microsoft.ML.Data;
using Pipeline.Primitives;

namespace Pipeline.Benchmarks.Cluster;

/// <summary>
/// The single-process ML.NET path a cluster job is measured against: latents (and labels) in an IDataView,
/// <c>GenerateImages</c> with an image column, and one PNG per row saved from the cursor. The transformer is fitted
/// once (its session is reused, like a silo's), so a timed run is what a user's loop over the data costs.
/// </summary>
internal sealed class MlNetGeneration : IDisposable
{
    private readonly MLContext _ml = new(seed: 0);
    private readonly int _latentSize;
    private readonly IReadOnlyList<int> _labels;
    private readonly int _countPerLabel;
    private readonly ITransformer _transformer;
    private readonly SchemaDefinition _schema;

    public MlNetGeneration(string modelFile, int latentSize, IReadOnlyList<int> labels, int countPerLabel, int batchSize)
    {
        _latentSize = latentSize;
        _labels = labels;
        _countPerLabel = countPerLabel;
        _schema = SchemaDefinition.Create(typeof(LatentRow));
        _schema[nameof(LatentRow.Z)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, latentSize);
        var data = Rows(seed: 0);
        var estimator = _ml.Transforms.GenerateImages("Decoded", modelFile, nameof(LatentRow.Z),
            labelColumnName: labels.Count > 0 ? nameof(LatentRow.Label) : null, imageColumnName: "Image", batchSize: batchSize);
        _transformer = estimator.Fit(data);
    }

    /// <summary>Generates the images of <paramref name="seed"/> and writes them as PNGs under <paramref name="folder"/>.</summary>
    public int Run(string folder, int seed)
    {
        var view = _transformer.Transform(Rows(seed));
        var column = view.Schema["Image"];
        using var cursor = view.GetRowCursor([column]);
        var getter = cursor.GetGetter<MLImage>(column);
        Directory.CreateDirectory(folder);
        var written = 0;
        MLImage image = null!;
        while (cursor.MoveNext())
        {
            getter(ref image);
            using (image)
            {
                image.Save(Path.Combine(folder, $"{written:D7}.png"));
            }

            written++;
        }

        return written;
    }

    public void Dispose() => (_transformer as IDisposable)?.Dispose();

    private IDataView Rows(int seed)
    {
        var random = new Random(seed);
        var count = Math.Max(1, _labels.Count) * _countPerLabel;
        var rows = Enumerable.Range(0, count).Select(i => new LatentRow
        {
            Z = Enumerable.Range(0, _latentSize).Select(_ => (float)Gaussian.Next(random)).ToArray(),
            Label = _labels.Count > 0 ? _labels[i / _countPerLabel] : 0,
        });
        return _ml.Data.LoadFromEnumerable(rows, _schema);
    }

    private sealed class LatentRow
    {
        public float[] Z { get; set; } = [];

        public int Label { get; set; }
    }
}
