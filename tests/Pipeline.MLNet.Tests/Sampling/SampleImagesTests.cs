using Microsoft.ML;
using Microsoft.ML.Data;
using Pipeline.Export.Families;
using Pipeline.MLNet.Sampling;
using Pipeline.Models.PixelCnn;
using Pipeline.Onnx.Sampling;

namespace Pipeline.MLNet.Tests.Sampling;

/// <summary>
/// <c>SampleImages</c>: labels and seeds in, images out, equal to the direct ONNX Runtime sampler for the same seeds,
/// batched, row by row, saved and loaded; bad columns named before any data flows.
/// </summary>
public sealed class SampleImagesTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly MLContext _ml = new(seed: 0);
    private readonly string _pixels;

    public SampleImagesTests()
    {
        using var net = new PixelCnn(new PixelCnnOptions(Height: 5, Width: 4, Channels: 8, Layers: 2, FirstKernelSize: 3, OutputChannels: 8, ClassCount: 3));
        VqVae2Exports.Randomise(net);
        _pixels = _temp.File("pixelcnn");
        PixelCnnOnnxExport.Export(net, _pixels, "run-mlnet");
    }

    private static Request[] Requests => [new() { Label = 0, Seed = 4 }, new() { Label = 2, Seed = 4 }, new() { Label = 1, Seed = -9 }, new() { Label = 2, Seed = 70 }, new() { Label = 0, Seed = 4 }];

    [Fact]
    public void Pixel_samples_equal_the_direct_sampler_batched_row_by_row_saved_and_loaded()
    {
        // Given: five requests, the first and last the same (class 0, seed 4).
        var data = _ml.Data.LoadFromEnumerable(Requests);
        var sampling = new CategoricalSampling(0.9, TopK: 50);

        // When
        using var model = _ml.Transforms.SampleImages("Image", _pixels, nameof(Request.Label), nameof(Request.Seed), imageColumnName: "Picture", temperature: 0.9, topK: 50, batchSize: 2).Fit(data);
        var images = model.Transform(data).GetColumn<float[]>("Image").ToArray();
        using var direct = AutoregressiveImageSampler.Open(_pixels);
        var expected = direct.Sample(Requests.Select(r => r.Seed).ToArray(), Requests.Select(r => (long)r.Label).ToArray(), sampling);
        var engine = _ml.Model.CreatePredictionEngine<Request, Sampled>(model);
        var single = engine.Predict(Requests[3]).Image;

        // Then
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 1, 5, 4), model.GetOutputSchema(data.Schema)["Image"].Type);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => expected.AsSpan(i * 20, 20).ToArray()), images);
        Assert.Equal(images[0], images[4]);
        Assert.NotEqual(images[0], images[1]);
        Assert.Equal(images[3], single);
        var pictures = model.Transform(data).GetColumn<MLImage>("Picture").ToArray();
        Assert.Equal((byte)Math.Round(images[2][7] * 255), pictures[2].Pixels[(7 * 4) + 2]);

        // And: saved with the model files inside, loaded batched again, the same images.
        var path = _temp.File("sampler.zip");
        _ml.Model.Save(model, data.Schema, path);
        var loaded = _ml.Model.LoadGenerative(path, out var schema, OnnxRuntimeOptions.Default with { BatchSize = 3 });
        Assert.IsType<SampleImagesTransformer>(loaded);
        Assert.Equal(images, loaded.Transform(data).GetColumn<float[]>("Image").ToArray());
        // Loaded by ML.NET alone, the carrier says how to load it instead of giving blank images.
        var plain = _ml.Model.Load(path, out _);
        Assert.Equal(model.GetOutputSchema(data.Schema)["Image"].Type, plain.GetOutputSchema(schema)["Image"].Type);
        var error = Assert.ThrowsAny<Exception>(() => plain.Transform(data).GetColumn<float[]>("Image").ToArray());
        Assert.Contains("LoadGenerative", error.ToString());
    }

    [Fact]
    public void VqVae2_samples_equal_the_direct_chain()
    {
        using var exports = new VqVae2Exports(_temp.File("vqvae2"));
        Request[] requests = [new() { Label = 2, Seed = 1 }, new() { Label = 0, Seed = 2 }, new() { Label = 1, Seed = 1 }];
        var data = _ml.Data.LoadFromEnumerable(requests);

        using var model = _ml.Transforms.SampleImages("Image", exports.Folder, nameof(Request.Label), nameof(Request.Seed), batchSize: 2).Fit(data);
        var images = model.Transform(data).GetColumn<float[]>("Image").ToArray();
        using var direct = AutoregressiveImageSampler.Open(exports.Folder);
        var expected = direct.Sample(requests.Select(r => r.Seed).ToArray(), requests.Select(r => (long)r.Label).ToArray(), new CategoricalSampling());

        Assert.Equal("vqvae2", model.Family);
        Assert.Equal(Enumerable.Range(0, 3).Select(i => expected.AsSpan(i * 784, 784).ToArray()), images);
        Assert.Equal(images[1], _ml.Model.CreatePredictionEngine<Request, Sampled>(model).Predict(requests[1]).Image);
    }

    [Fact]
    public void Guided_samples_equal_the_direct_chain_and_keep_their_guidance_through_save_and_load()
    {
        using var exports = new VqVae2Exports(_temp.File("guided"), guidable: true);
        Request[] requests = [new() { Label = 2, Seed = 1 }, new() { Label = 0, Seed = 2 }, new() { Label = 1, Seed = 3 }];
        var data = _ml.Data.LoadFromEnumerable(requests);

        using var model = _ml.Transforms.SampleImages("Image", exports.Folder, nameof(Request.Label), nameof(Request.Seed), batchSize: 2, guidance: 2.5).Fit(data);
        var images = model.Transform(data).GetColumn<float[]>("Image").ToArray();
        using var direct = AutoregressiveImageSampler.Open(exports.Folder);
        var expected = direct.Sample(requests.Select(r => r.Seed).ToArray(), requests.Select(r => (long)r.Label).ToArray(), new CategoricalSampling(Guidance: 2.5));
        var path = _temp.File("guided.zip");
        _ml.Model.Save(model, data.Schema, path);
        var loaded = _ml.Model.LoadGenerative(path, out _);
        using var unguided = _ml.Transforms.SampleImages("Image", exports.Folder, nameof(Request.Label), nameof(Request.Seed)).Fit(data);
        var refused = Assert.Throws<ArgumentException>(() => _ml.Transforms.SampleImages("Image", _pixels, nameof(Request.Label), nameof(Request.Seed), guidance: 2).Fit(data));

        Assert.Equal(Enumerable.Range(0, 3).Select(i => expected.AsSpan(i * 784, 784).ToArray()), images);
        Assert.Equal(images, loaded.Transform(data).GetColumn<float[]>("Image").ToArray());
        Assert.NotEqual(images, unguided.Transform(data).GetColumn<float[]>("Image").ToArray());
        Assert.Contains("class dropout", refused.Message);
    }

    [Fact]
    public void A_label_outside_the_classes_is_named_with_its_row()
    {
        var data = _ml.Data.LoadFromEnumerable<Request>([new() { Label = 1, Seed = 1 }, new() { Label = 3, Seed = 2 }]);
        using var model = _ml.Transforms.SampleImages("Image", _pixels, nameof(Request.Label)).Fit(data);

        var error = Assert.Throws<InvalidOperationException>(() => model.Transform(data).GetColumn<float[]>("Image").ToArray());

        Assert.Contains("Column 'Label', row 1: class 3 is outside 0..2", error.Message);
    }

    [Fact]
    public void A_missing_or_mistyped_seed_column_and_a_missing_label_column_are_named()
    {
        var data = _ml.Data.LoadFromEnumerable(Requests);
        var floats = _ml.Data.LoadFromEnumerable<FloatSeed>([new() { Label = 0, Seed = 1.5f }]);

        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.SampleImages("Image", _pixels, nameof(Request.Label), "RowSeed").Fit(data));
        var mistyped = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.SampleImages("Image", _pixels, nameof(Request.Label)).Fit(floats));
        var noLabel = Assert.Throws<ArgumentException>(() => _ml.Transforms.SampleImages("Image", _pixels));

        Assert.Contains("input column 'RowSeed'", missing.Message);
        Assert.Contains("no such column", missing.Message);
        Assert.Contains("input column 'Seed': expected a seed (Int64, Int32, UInt32 or UInt64), got Single", mistyped.Message);
        Assert.Contains("set LabelColumnName", noLabel.Message);
    }

    public void Dispose() => _temp.Dispose();

    private sealed class Request
    {
        public int Label { get; set; }

        public long Seed { get; set; }
    }

    private sealed class FloatSeed
    {
        public int Label { get; set; }

        public float Seed { get; set; }
    }

    private sealed class Sampled
    {
        public float[] Image { get; set; } = [];
    }
}
