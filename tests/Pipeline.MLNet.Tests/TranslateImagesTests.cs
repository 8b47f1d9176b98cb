using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace Pipeline.MLNet.Tests;

/// <summary>TranslateImages: an image column through an exported translator into an image column.</summary>
public sealed class TranslateImagesTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly MLContext _ml = new(seed: 0);

    [Fact]
    public void Images_are_translated_in_batches_and_the_same_after_saving()
    {
        // Given 4x4 colour images and a translator that negates them
        var file = TinyModels.Translator(_temp.Path);
        var sources = Enumerable.Range(0, 5).Select(Bgra).ToArray();
        var paths = sources.Select((p, i) =>
        {
            var path = _temp.File($"source-{i}.png");
            using var image = MLImage.CreateFromPixels(4, 4, MLPixelFormat.Bgra32, p);
            image.Save(path);
            return new PathRow { Path = Path.GetFileName(path) };
        });
        var data = _ml.Data.LoadFromEnumerable(paths);
        var options = new TranslateImagesOptions
        {
            ModelFile = file,
            OutputColumnName = "Translated",
            InputColumnName = "Image",
            Runtime = OnnxRuntimeOptions.Default with { BatchSize = 2, IntraOpThreads = 1 },
        };

        // When
        var model = _ml.Transforms.LoadImages("Image", _temp.Path, nameof(PathRow.Path))
            .Append(_ml.Transforms.ResizeImages("Image", 4, 4))
            .Append(_ml.Transforms.TranslateImages(options)).Fit(data);
        var translated = model.Transform(data).GetColumn<MLImage>("Translated").ToArray();

        // Then: 255 − each colour, alpha opaque
        Assert.All(Enumerable.Range(0, sources.Length), i =>
        {
            var expected = sources[i].Select((v, k) => k % 4 == 3 ? (byte)255 : (byte)(255 - v)).ToArray();
            Assert.Equal(expected, translated[i].Pixels.ToArray());
        });
        Assert.Equal(new ImageDataViewType(4, 4), model.GetOutputSchema(data.Schema)["Translated"].Type);
        SavedModelAssert.RoundTrips(_ml, model, data, _temp.File("translator.zip"));
    }

    [Fact]
    public void A_super_resolution_translator_with_symbolic_size_runs_at_its_metadata_size_and_saves()
    {
        // Given a ×2 nearest-neighbour upscaler exported for any H and W, 4×4 → 8×8 in its metadata
        var file = TinyModels.Upscaler(_temp.Path);
        var source = Bgra(7);
        var path = _temp.File("low.png");
        using (var image = MLImage.CreateFromPixels(4, 4, MLPixelFormat.Bgra32, source))
        {
            image.Save(path);
        }

        var data = _ml.Data.LoadFromEnumerable(new[] { new PathRow { Path = "low.png" } });

        // When
        var model = _ml.Transforms.LoadImages("Image", _temp.Path, nameof(PathRow.Path))
            .Append(_ml.Transforms.ResizeImages("Image", 4, 4))
            .Append(_ml.Transforms.TranslateImages("High", file, "Image"))
            .Fit(data);
        var high = model.Transform(data).GetColumn<MLImage>("High").Single();

        // Then: 8×8, each source pixel repeated 2×2
        Assert.Equal((8, 8), (high.Width, high.Height));
        var pixels = high.Pixels.ToArray();
        Assert.All(Enumerable.Range(0, 64), p => Assert.Equal(
            source.AsSpan((((p / 8 / 2) * 4) + (p % 8 / 2)) * 4, 3).ToArray(),
            pixels.AsSpan(p * 4, 3).ToArray()));
        SavedModelAssert.RoundTrips(_ml, model, data, _temp.File("upscaler.zip"));
    }

    [Fact]
    public void A_model_that_is_not_a_translator_is_refused_naming_its_role()
    {
        var file = TinyModels.GridDecoder(_temp.Path);

        var error = Assert.Throws<InvalidDataException>(() => _ml.Transforms.TranslateImages("Translated", file, "Image"));

        Assert.Contains("'decoder', expected 'translator'", error.Message);
    }

    public void Dispose() => _temp.Dispose();

    private static byte[] Bgra(int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, 16).SelectMany(_ => new[] { (byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), (byte)255 }).ToArray();
    }
}
