using Microsoft.ML.Data;
using Pipeline.Data;
using Pipeline.Export.Families;
using Pipeline.Models.Vae;
using static TorchSharp.torch;

namespace Pipeline.MLNet.Tests;

/// <summary>An untrained lecture VAE (784-400-20, fixed seed) exported once, and 50 Fashion-MNIST test images as PNGs.</summary>
public sealed class VaeFixture : IDisposable
{
    public const int ImageCount = 50;

    public VaeFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("pipeline-mlnet-tests-").FullName;
        manual_seed(5);
        using var vae = VariationalAutoencoder.Create(VaeOptions.Lecture);
        VaeOnnxExport.Export(vae, Directory, "mlnet-tests");
        OnnxChecker.AssertValid(Encoder);
        OnnxChecker.AssertValid(Decoder);
        var test = FashionMnist.Load(DataSplit.Test).Take(ImageCount);
        Images = Enumerable.Range(0, ImageCount).Select(i => test.Image(i).ToArray()).ToArray();
        ImagePaths = Enumerable.Range(0, ImageCount).Select(i =>
        {
            var path = Path.Combine(Directory, $"image-{i:D2}.png");
            var bgra = Images[i].SelectMany(p => { var g = (byte)Math.Round(p * 255); return new[] { g, g, g, (byte)255 }; }).ToArray();
            using var image = MLImage.CreateFromPixels(28, 28, MLPixelFormat.Bgra32, bgra);
            image.Save(path);
            return path;
        }).ToArray();
    }

    public string Directory { get; }

    public string Encoder => Path.Combine(Directory, VaeOnnxExport.EncoderFile);

    public string Decoder => Path.Combine(Directory, VaeOnnxExport.DecoderFile);

    /// <summary>Pixels in [0, 1], 784 each.</summary>
    public float[][] Images { get; }

    public string[] ImagePaths { get; }

    /// <summary>ML.NET's internal SchemaShape.Create (issue #3243), reached by reflection for the tests only.</summary>
    public static Microsoft.ML.SchemaShape Shape(Microsoft.ML.DataViewSchema schema) =>
        (Microsoft.ML.SchemaShape)typeof(Microsoft.ML.SchemaShape).GetMethod("Create", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)!
            .Invoke(null, [schema])!;

    public string File(string name) => Path.Combine(Directory, name);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

[CollectionDefinition(nameof(VaeCollection))]
public sealed class VaeCollection : ICollectionFixture<VaeFixture>;

/// <summary>Rows the tests feed in.</summary>
public sealed class PathRow
{
    public string Path { get; set; } = string.Empty;
}

public sealed class LatentRow
{
    [VectorType(20)]
    public float[] Z { get; set; } = [];
}

public sealed class PixelsRow
{
    [VectorType(784)]
    public float[] Pixels { get; set; } = [];
}

public sealed class DecodedRow
{
    public float[] Decoded { get; set; } = [];
}
