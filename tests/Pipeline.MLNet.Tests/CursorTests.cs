using Microsoft.ML;
using Microsoft.ML.Data;

namespace Pipeline.MLNet.Tests;

/// <summary>How our data view walks its input: once when only our columns are read, in lockstep when pass-through columns are too.</summary>
[Collection(nameof(VaeCollection))]
public sealed class CursorTests(VaeFixture vae)
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void Reading_only_the_decoded_column_enumerates_a_lazy_input_once()
    {
        // Given a lazily built source that counts the rows it makes
        var latents = GenerativePipelineTests.Latents(70, seed: 5);
        var made = 0;
        var data = _ml.Data.LoadFromEnumerable(latents.Select(z =>
        {
            made++;
            return new LatentRow { Z = z };
        }));
        var model = _ml.Transforms.DecodeFromLatent("Decoded", vae.Decoder, nameof(LatentRow.Z), batchSize: 32).Fit(data);
        made = 0;

        // When
        var decoded = model.Transform(data).GetColumn<float[]>("Decoded").ToArray();

        // Then: 70 rows (two full batches and a partial one), each made once
        Assert.Equal(70, decoded.Length);
        Assert.Equal(70, made);
        GenerativePipelineTests.AssertClose(model.Transform(data).GetColumn<float[]>("Decoded").Last(), decoded[^1]);
    }

    [Fact]
    public void Reading_a_pass_through_column_too_keeps_rows_paired()
    {
        var latents = GenerativePipelineTests.Latents(40, seed: 6);
        var data = _ml.Data.LoadFromEnumerable(latents.Select(z => new LatentRow { Z = z }));
        var model = _ml.Transforms.DecodeFromLatent("Decoded", vae.Decoder, nameof(LatentRow.Z), batchSize: 16).Fit(data);
        var output = model.Transform(data);

        var pairs = output.GetColumn<float[]>(nameof(LatentRow.Z)).Zip(output.GetColumn<float[]>("Decoded")).ToArray();
        var alone = _ml.Transforms.DecodeFromLatent("Decoded", vae.Decoder, nameof(LatentRow.Z), batchSize: 1).Fit(data).Transform(data).GetColumn<float[]>("Decoded").ToArray();

        Assert.Equal(latents, pairs.Select(p => p.First));
        Assert.All(Enumerable.Range(0, 40), i => GenerativePipelineTests.AssertClose(alone[i], pairs[i].Second));
    }
}
