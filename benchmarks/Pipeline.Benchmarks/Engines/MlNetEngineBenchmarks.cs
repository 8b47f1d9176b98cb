using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using Microsoft.ML.Transforms.Onnx;
using Pipeline.MLNet;

namespace Pipeline.Benchmarks.Engines;

/// <summary>
/// The engines of <see cref="EngineBenchmarks"/> plus the two ML.NET ones, for a model we ship an ML.NET estimator
/// for: ML.NET's ApplyOnnxModel (one Run per row) and our estimator (one Run per batch), both over the same batch as
/// ML.NET rows and read through a cursor as an application consuming the column would.
/// </summary>
public abstract class MlNetEngineBenchmarks : EngineBenchmarks
{
    private IDataView _rows = null!;
    private ITransformer _ours = null!;
    private ITransformer _applyOnnx = null!;
    private ITransformer? _oursCuda;

    /// <summary>The ML.NET context of the pipelines.</summary>
    protected MLContext Ml { get; } = new(seed: 0);

    /// <summary>ONNX Runtime settings of our estimator: one Run per <see cref="EngineBenchmarks.Batch"/> rows, <see cref="EngineBenchmarks.Threads"/> threads.</summary>
    protected OnnxRuntimeOptions OursRuntime => OnnxRuntimeOptions.Default with { BatchSize = Batch, IntraOpThreads = Threads, InterOpThreads = 1 };

    /// <summary>The output column read from our estimator.</summary>
    protected abstract string OursColumn { get; }

    /// <summary>The output column read from ApplyOnnxModel.</summary>
    protected abstract string ApplyOnnxColumn { get; }

    [Benchmark(Description = "ML.NET ApplyOnnxModel")]
    public float ApplyOnnxModel() => ReadAll(_applyOnnx.Transform(_rows), ApplyOnnxColumn);

    [Benchmark(Description = "ours (Pipeline.MLNet)")]
    public float Ours() => ReadAll(_ours.Transform(_rows), OursColumn);

    [Benchmark(Description = "ours (Pipeline.MLNet), " + CudaRows.Marker)]
    public float OursCuda() => ReadAll(_oursCuda!.Transform(_rows), OursColumn);

    /// <summary>
    /// The prepared batch as <see cref="EngineBenchmarks.Batch"/> ML.NET rows, materialised: over a lazy Select,
    /// LoadFromEnumerable would build every row object and array again on each pass, and that cost would be charged
    /// to the ML.NET engines.
    /// </summary>
    protected abstract IDataView Rows();

    /// <summary>
    /// Our estimator over the rows with <paramref name="runtime"/> (<see cref="OursRuntime"/>, or it on GPU 0 without
    /// falling back to the CPU).
    /// </summary>
    protected abstract IEstimator<ITransformer> Ours(string modelFile, OnnxRuntimeOptions runtime);

    /// <summary>ML.NET's ApplyOnnxModel over the rows, <see cref="EngineBenchmarks.Threads"/> threads.</summary>
    protected abstract IEstimator<ITransformer> ApplyOnnx(string modelFile);

    /// <summary>
    /// ML.NET's ApplyOnnxModel from columns named after the graph inputs to columns named after the graph outputs,
    /// with <see cref="EngineBenchmarks.Threads"/> threads; <paramref name="shapes"/> pins symbolic dimensions.
    /// </summary>
    protected IEstimator<ITransformer> ApplyOnnxModel(string modelFile, string[] inputs, string[] outputs, Dictionary<string, int[]>? shapes = null) =>
        Ml.Transforms.ApplyOnnxModel(new OnnxOptions
        {
            ModelFile = modelFile,
            InputColumns = inputs,
            OutputColumns = outputs,
            IntraOpNumThreads = Threads,
            InterOpNumThreads = 1,
            ShapeDictionary = shapes,
        });

    /// <summary>
    /// <paramref name="pixels"/> as one row per image of <paramref name="pixelsPerImage"/> values in a column named
    /// <c>image</c>, the graph input of every image-taking model (so ApplyOnnxModel binds it by name), materialised.
    /// </summary>
    protected IDataView ImageRows(float[] pixels, int pixelsPerImage)
    {
        var schema = SchemaDefinition.Create(typeof(ImageRow));
        schema[nameof(ImageRow.image)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, pixelsPerImage);
        var rows = Enumerable.Range(0, pixels.Length / pixelsPerImage)
            .Select(i => new ImageRow { image = pixels.AsSpan(i * pixelsPerImage, pixelsPerImage).ToArray() })
            .ToArray();
        return Ml.Data.LoadFromEnumerable(rows, schema);
    }

    /// <inheritdoc />
    protected override void SetUpMoreEngines(string modelFile)
    {
        _rows = Rows();
        _ours = Ours(modelFile, OursRuntime).Fit(_rows);
        _oursCuda = CudaRows.Available ? Ours(modelFile, OursRuntime with { GpuDeviceId = 0, FallbackToCpu = false }).Fit(_rows) : null;
        _applyOnnx = ApplyOnnx(modelFile).Fit(_rows);
    }

    /// <inheritdoc />
    protected override void CleanUpMoreEngines()
    {
        (_ours as IDisposable)?.Dispose();
        (_oursCuda as IDisposable)?.Dispose();
        (_applyOnnx as IDisposable)?.Dispose();
    }

    // Reads every row, as an application consuming the column would; the sum keeps the reads from being optimised away.
    private static float ReadAll(IDataView view, string column)
    {
        using var cursor = view.GetRowCursor([view.Schema[column]]);
        return view.Schema[column].Type switch
        {
            ImageDataViewType => ReadImages(cursor, view.Schema[column]),
            VectorDataViewType { ItemType: var item } when item == NumberDataViewType.Int64 => ReadVectors<long>(cursor, view.Schema[column], v => v),
            _ => ReadVectors<float>(cursor, view.Schema[column], v => v),
        };
    }

    private static float ReadVectors<T>(DataViewRowCursor cursor, DataViewSchema.Column column, Func<T, float> first)
    {
        var sum = 0f;
        var getter = cursor.GetGetter<VBuffer<T>>(column);
        var value = default(VBuffer<T>);
        while (cursor.MoveNext())
        {
            getter(ref value);
            sum += first(value.GetValues()[0]);
        }

        return sum;
    }

    // An image column gives a new MLImage per row (its pixels are the application's to keep); disposing it is the reader's part.
    private static float ReadImages(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var sum = 0f;
        var getter = cursor.GetGetter<MLImage>(column);
        MLImage image = null!;
        while (cursor.MoveNext())
        {
            getter(ref image);
            sum += image.Width;
            image.Dispose();
        }

        return sum;
    }

    /// <summary>One flattened image per row; the vector's size is set by <see cref="ImageRows"/>.</summary>
    public sealed class ImageRow
    {
        /// <summary>The image, C·H·W values in [0, 1].</summary>
        public float[] image { get; set; } = [];
    }
}
