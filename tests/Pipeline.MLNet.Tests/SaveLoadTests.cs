using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Onnx;

namespace Pipeline.MLNet.Tests;

/// <summary>mlContext.Model.Save writes ML.NET's own transforms; Load runs them; LoadGenerative batches them again.</summary>
[Collection(nameof(VaeCollection))]
public sealed class SaveLoadTests(VaeFixture vae)
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void An_image_pipeline_saved_and_loaded_gives_identical_outputs_and_is_batched_again()
    {
        // Given a fitted pipeline PNG → encoder → decoder with an MLImage output
        var data = _ml.Data.LoadFromEnumerable(vae.ImagePaths.Select(p => new PathRow { Path = Path.GetFileName(p) }));
        var pipeline = _ml.Transforms.LoadImages("Image", vae.Directory, nameof(PathRow.Path))
            .Append(_ml.Transforms.ResizeImages("Image", 28, 28))
            .Append(_ml.Transforms.EncodeToLatent("Mean", "LogVariance", "Image", vae.Encoder))
            .Append(_ml.Transforms.DecodeFromLatent("Reconstruction", vae.Decoder, "Mean", imageColumnName: "Picture"));
        var model = pipeline.Fit(data);
        var path = vae.File("saved-pipeline.zip");

        // When
        var (loaded, batched) = SavedModelAssert.RoundTrips(_ml, model, data, path);

        // Then: the plain load holds only ML.NET transforms, the generative load both of ours again
        Assert.Contains(SavedModelAssert.Flatten(loaded), t => t is OnnxTransformer);
        Assert.Equal(2, SavedModelAssert.Flatten(batched).Count(t => t is GenerativeOnnxTransformer));
    }

    [Fact]
    public void A_prediction_engine_over_either_load_works_row_by_row()
    {
        var latents = GenerativePipelineTests.Latents(5, seed: 9);
        var data = _ml.Data.LoadFromEnumerable(latents.Select(z => new LatentRow { Z = z }));
        var model = _ml.Transforms.DecodeFromLatent("Decoded", vae.Decoder, nameof(LatentRow.Z)).Fit(data);
        var path = vae.File("saved-decoder.zip");
        _ml.Model.Save(model, data.Schema, path);

        var direct = model.Transform(data).GetColumn<float[]>("Decoded").ToArray();
        foreach (var loaded in new[] { _ml.Model.Load(path, out _), _ml.Model.LoadGenerative(path, out _) })
        {
            var engine = _ml.Model.CreatePredictionEngine<LatentRow, DecodedRow>(loaded);
            Assert.All(Enumerable.Range(0, 5), i => GenerativePipelineTests.AssertClose(direct[i], engine.Predict(new LatentRow { Z = latents[i] }).Decoded));
        }
    }

    [Fact]
    public void Saving_a_sampled_latent_column_is_refused_with_what_to_do_instead()
    {
        var data = _ml.Data.LoadFromEnumerable(vae.Images.Take(3).Select(p => new PixelsRow { Pixels = p }));
        var options = new EncodeToLatentOptions { ModelFile = vae.Encoder, InputColumnName = nameof(PixelsRow.Pixels), SampledLatentColumnName = "Z", Seed = 1 };
        var model = _ml.Transforms.EncodeToLatent(options).Fit(data);

        var error = Assert.Throws<NotSupportedException>(() => _ml.Model.Save(model, data.Schema, vae.File("sampled.zip")));

        Assert.Contains("'Z' (SampledLatentColumnName) cannot be saved", error.Message);
        Assert.Contains("LoadGenerative", error.Message);
    }

    [Fact]
    public void An_encoder_from_pixel_vectors_saves_and_loads_with_the_same_columns()
    {
        var data = _ml.Data.LoadFromEnumerable(vae.Images.Take(5).Select(p => new PixelsRow { Pixels = p }));
        var model = _ml.Transforms.EncodeToLatent("Mean", "LogVariance", nameof(PixelsRow.Pixels), vae.Encoder).Fit(data);

        SavedModelAssert.RoundTrips(_ml, model, data, vae.File("encoder-vectors.zip"));
    }
}
