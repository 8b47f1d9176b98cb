using Pipeline.MLNet.Sampling;
using Pipeline.Onnx;
using Pipeline.Onnx.Sampling;

namespace Pipeline.MLNet.Tests.Sampling;

/// <summary>The VQ-VAE-2 chain through ONNX Runtime (top prior → bottom prior → decoder) against TorchSharp, and its checks of the folder.</summary>
public sealed class VqVae2ImageSamplerTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly VqVae2Exports _exports;

    public VqVae2ImageSamplerTests() => _exports = new VqVae2Exports(_temp.File("vqvae2"));

    [Fact]
    public void The_chain_gives_the_torchsharp_images_for_the_same_seeds_and_classes()
    {
        long[] seeds = [0, 5, 5, 123456789012];
        long[] labels = [2, 0, 1, 1];
        var sampling = new CategoricalSampling(0.8, TopK: 12);

        var expected = _exports.TorchSharpImages(seeds, labels, sampling);
        using var sampler = AutoregressiveImageSampler.Open(_exports.Folder, OnnxRuntimeOptions.Default with { BatchSize = 3 });
        var images = sampler.Sample(seeds, labels, sampling);

        Assert.Equal(("vqvae2", 3, (1, 28, 28)), (sampler.Family, sampler.ClassCount!.Value, sampler.ImageShape));
        Assert.Equal(expected.Length, images.Length);
        Assert.All(Enumerable.Range(0, images.Length), i => Assert.InRange(images[i] - expected[i], -1e-4f, 1e-4f));
        // Same seed, other class: another image (the labels reach both priors).
        Assert.NotEqual(images.AsSpan(784, 784).ToArray(), images.AsSpan(2 * 784, 784).ToArray());
    }

    [Fact]
    public void Guided_chain_gives_the_torchsharp_guided_images_and_plain_priors_refuse_guidance()
    {
        using var guided = new VqVae2Exports(_temp.File("guided"), guidable: true);
        long[] seeds = [1, 2, 3];
        long[] labels = [0, 1, 2];
        var sampling = new CategoricalSampling(Guidance: 2.5);

        var expected = guided.TorchSharpImages(seeds, labels, sampling);
        using var sampler = AutoregressiveImageSampler.Open(guided.Folder, OnnxRuntimeOptions.Default with { BatchSize = 2 });
        var images = sampler.Sample(seeds, labels, sampling);
        using var plain = AutoregressiveImageSampler.Open(_exports.Folder);
        var refused = Assert.Throws<ArgumentException>(() => plain.Sample(seeds, labels, sampling));

        Assert.True(sampler.CanGuide);
        Assert.False(plain.CanGuide);
        Assert.All(Enumerable.Range(0, images.Length), i => Assert.InRange(images[i] - expected[i], -1e-4f, 1e-4f));
        Assert.Contains("class dropout", refused.Message);
    }

    [Fact]
    public void A_missing_prior_is_named_by_its_level_with_what_the_folder_holds()
    {
        File.Delete(Path.Combine(_exports.Folder, "bottom-prior.onnx"));

        var error = Assert.Throws<FileNotFoundException>(() => AutoregressiveImageSampler.Open(_exports.Folder));

        Assert.Contains("level 'bottom'", error.Message);
        Assert.Contains("top-prior.onnx (vqvae2 autoregressive top)", error.Message);
    }

    [Fact]
    public void A_prior_labelled_with_the_wrong_level_is_named()
    {
        _exports.SetMetadata("top-prior.onnx", OnnxMetadataKeys.Autoregressive.Level, "bottom");

        var error = Assert.Throws<FileNotFoundException>(() => AutoregressiveImageSampler.Open(_exports.Folder));

        Assert.Contains("level 'top'", error.Message);
        Assert.Contains("top-prior.onnx (vqvae2 autoregressive bottom)", error.Message);
    }

    [Fact]
    public void Files_are_found_by_their_metadata_whatever_their_names()
    {
        long[] seeds = [3, 4];
        long[] labels = [1, 2];
        using var named = AutoregressiveImageSampler.Open(_exports.Folder);
        var expected = named.Sample(seeds, labels, new CategoricalSampling());
        foreach (var (from, to) in new[] { ("top-prior.onnx", "a.onnx"), ("bottom-prior.onnx", "b.onnx"), ("decoder.onnx", "c.onnx") })
        {
            File.Move(Path.Combine(_exports.Folder, from), Path.Combine(_exports.Folder, to));
        }

        using var renamed = AutoregressiveImageSampler.Open(_exports.Folder);

        Assert.Equal(expected, renamed.Sample(seeds, labels, new CategoricalSampling()));
    }

    [Fact]
    public void A_family_without_a_sampler_is_refused_naming_the_registered_ones()
    {
        foreach (var file in new[] { "top-prior.onnx", "bottom-prior.onnx", "decoder.onnx" })
        {
            _exports.SetMetadata(file, OnnxMetadataKeys.ModelFamily, "pixelsnail");
        }

        var error = Assert.Throws<InvalidDataException>(() => AutoregressiveImageSampler.Open(_exports.Folder));

        Assert.Contains("no sampler for model family 'pixelsnail'", error.Message);
        Assert.Contains("pixelcnn, vqvae2", error.Message);
    }

    [Fact]
    public void A_folder_without_an_autoregressive_file_is_refused_listing_its_files()
    {
        foreach (var file in new[] { "top-prior.onnx", "bottom-prior.onnx" })
        {
            File.Delete(Path.Combine(_exports.Folder, file));
        }

        var error = Assert.Throws<InvalidDataException>(() => AutoregressiveImageSampler.Open(_exports.Folder));

        Assert.Contains("no autoregressive model to sample", error.Message);
        Assert.Contains("decoder.onnx (vqvae2 decoder)", error.Message);
    }

    [Theory]
    [InlineData("bottom-prior.onnx", OnnxMetadataKeys.Autoregressive.Levels, "32", "pipeline.autoregressive.levels")]
    [InlineData("decoder.onnx", OnnxMetadataKeys.Codes.TopGrid, "5x5", "pipeline.codes.top_grid")]
    [InlineData("bottom-prior.onnx", OnnxMetadataKeys.ClassCount, "4", "pipeline.class_count")]
    public void A_metadata_disagreement_names_the_file_and_the_key(string file, string key, string value, string named)
    {
        _exports.SetMetadata(file, key, value);

        var error = Assert.Throws<InvalidDataException>(() => AutoregressiveImageSampler.Open(_exports.Folder));

        Assert.Contains(named, error.Message);
        Assert.Contains(file, error.Message);
    }

    public void Dispose()
    {
        _exports.Dispose();
        _temp.Dispose();
    }
}
