using Microsoft.ML;
using Microsoft.ML.Data;
using Pipeline.Onnx;
using Pipeline.Onnx.Proto;
using Google.Protobuf;

namespace Pipeline.MLNet.Tests;

/// <summary>Wrong schemas and wrong files fail before data flows, naming the column or file and what was expected.</summary>
[Collection(nameof(VaeCollection))]
public sealed class BadInputTests(VaeFixture vae)
{
    private readonly MLContext _ml = new(seed: 1);

    public sealed class ShortRow
    {
        [VectorType(10)]
        public float[] Z { get; set; } = [];
    }

    [Fact]
    public void Rejects_a_latent_vector_of_the_wrong_size()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new ShortRow { Z = new float[10] } });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.DecodeFromLatent("Decoded", vae.Decoder, "Z").Fit(data));
        Assert.Contains("'Z'", error.Message);
        Assert.Contains("Vector<Single, 20>", error.Message);
        Assert.Contains("Vector<Single, 10>", error.Message);
    }

    [Fact]
    public void Rejects_a_missing_column_in_the_estimator_schema_and_at_fit()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new LatentRow { Z = new float[20] } });
        var estimator = _ml.Transforms.DecodeFromLatent("Decoded", vae.Decoder, "Latent");
        var shapeError = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.GetOutputSchema(VaeFixture.Shape(data.Schema)));
        var fitError = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(data));
        Assert.Contains("'Latent'", shapeError.Message);
        Assert.Contains("no such column", fitError.Message);
        Assert.Contains("Columns: Z", fitError.Message);
    }

    [Fact]
    public void Rejects_images_of_the_wrong_size()
    {
        var data = _ml.Data.LoadFromEnumerable(vae.ImagePaths.Take(2).Select(p => new PathRow { Path = Path.GetFileName(p) }));
        var pipeline = _ml.Transforms.LoadImages("Image", vae.Directory, nameof(PathRow.Path))
            .Append(_ml.Transforms.ResizeImages("Image", 32, 32))
            .Append(_ml.Transforms.EncodeToLatent("Mean", "LogVariance", "Image", vae.Encoder));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.Fit(data));
        Assert.Contains("'Image'", error.Message);
        Assert.Contains("32x32", error.Message);
        Assert.Contains("28x28", error.Message);
    }

    [Fact]
    public void Rejects_unsized_images_of_the_wrong_size_when_rows_are_read()
    {
        // LoadImages alone gives an image column of unknown size: the size is checked row by row.
        var path = vae.File("large.png");
        using (var large = MLImage.CreateFromPixels(32, 32, MLPixelFormat.Bgra32, new byte[32 * 32 * 4]))
        {
            large.Save(path);
        }

        var data = _ml.Data.LoadFromEnumerable(new[] { new PathRow { Path = "large.png" } });
        var images = _ml.Transforms.LoadImages("Image", vae.Directory, nameof(PathRow.Path)).Fit(data).Transform(data);
        var encoded = _ml.Transforms.EncodeToLatent("Mean", "LogVariance", "Image", vae.Encoder).Fit(images).Transform(images);
        var error = Assert.Throws<InvalidOperationException>(() => encoded.GetColumn<float[]>("Mean").ToArray());
        Assert.Contains("'Image', row 0", error.Message);
        Assert.Contains("32x32", error.Message);
        Assert.Contains("ResizeImages", error.Message);
    }

    [Fact]
    public void Rejects_a_file_that_is_not_onnx()
    {
        var path = vae.File("not-onnx.onnx");
        File.WriteAllText(path, "this is not a protobuf model");
        var error = Assert.ThrowsAny<Exception>(() => _ml.Transforms.DecodeFromLatent("Decoded", path, "Z"));
        Assert.True(error is InvalidDataException, error.ToString());
        Assert.Contains(path, error.Message);
        Assert.Contains("not an ONNX model", error.Message);
    }

    [Fact]
    public void Rejects_a_missing_file()
    {
        var error = Assert.Throws<FileNotFoundException>(() => _ml.Transforms.DecodeFromLatent("Decoded", vae.File("absent.onnx"), "Z"));
        Assert.Contains("absent.onnx", error.Message);
    }

    [Fact]
    public void Rejects_an_onnx_file_without_our_metadata()
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(vae.Decoder));
        model.MetadataProps.Clear();
        var path = vae.File("no-metadata.onnx");
        File.WriteAllBytes(path, model.ToByteArray());

        var error = Assert.Throws<InvalidDataException>(() => _ml.Transforms.DecodeFromLatent("Decoded", path, "Z"));
        Assert.Contains(path, error.Message);
        Assert.Contains(OnnxMetadataKeys.Role, error.Message);
    }

    [Fact]
    public void Rejects_an_encoder_where_a_decoder_is_expected()
    {
        var error = Assert.Throws<InvalidDataException>(() => _ml.Transforms.DecodeFromLatent("Decoded", vae.Encoder, "Z"));
        Assert.Contains("'encoder'", error.Message);
        Assert.Contains("'decoder'", error.Message);
    }
}
