using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Transforms.Image;

namespace Pipeline.MLNet.Tests;

/// <summary>The estimators driven the ML.NET way: LoadImages → ResizeImages → ours, Fit, Transform, schema, PredictionEngine.</summary>
[Collection(nameof(VaeCollection))]
public sealed class GenerativePipelineTests(VaeFixture vae)
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void Png_images_are_encoded_and_reconstructed_with_sizes_in_the_schema()
    {
        // Given Fashion-MNIST PNGs loaded by ML.NET
        var data = _ml.Data.LoadFromEnumerable(vae.ImagePaths.Select(p => new PathRow { Path = Path.GetFileName(p) }));
        var pipeline = _ml.Transforms.LoadImages("Image", vae.Directory, nameof(PathRow.Path))
            .Append(_ml.Transforms.ResizeImages("Image", 28, 28))
            .Append(_ml.Transforms.EncodeToLatent("Mean", "LogVariance", "Image", vae.Encoder))
            .Append(_ml.Transforms.DecodeFromLatent("Reconstruction", vae.Decoder, "Mean", imageColumnName: "ReconstructionImage"));

        // When
        var shape = pipeline.GetOutputSchema(VaeFixture.Shape(data.Schema));
        var output = pipeline.Fit(data).Transform(data);

        // Then
        Assert.Equal(SchemaShape.Column.VectorKind.Vector, shape.Single(c => c.Name == "Mean").Kind);
        Assert.IsType<ImageDataViewType>(shape.Single(c => c.Name == "ReconstructionImage").ItemType);
        Assert.Equal(20, ((VectorDataViewType)output.Schema["Mean"].Type).Size);
        Assert.Equal(784, ((VectorDataViewType)output.Schema["Reconstruction"].Type).Size);
        var means = output.GetColumn<float[]>("Mean").ToArray();
        var reconstructions = output.GetColumn<float[]>("Reconstruction").ToArray();
        Assert.Equal(VaeFixture.ImageCount, means.Length);
        var (directMean, _) = RunEncoder(vae.Images);
        for (var i = 0; i < means.Length; i++)
        {
            AssertClose(directMean[i], means[i]);
        }

        Assert.All(reconstructions, r => Assert.All(r, v => Assert.InRange(v, 0f, 1f)));
        var png = vae.File("reconstruction.png");
        using (var first = output.GetColumn<MLImage>("ReconstructionImage").First())
        {
            first.Save(png);
        }

        using var reloaded = MLImage.CreateFromFile(png);
        Assert.Equal(255, reloaded.Pixels[3]);
    }

    [Fact]
    public void Batched_output_equals_row_by_row_and_onnx_runtime_and_keeps_order()
    {
        var latents = Latents(150, seed: 3);
        var data = _ml.Data.LoadFromEnumerable(latents.Select(z => new LatentRow { Z = z }));
        var model = _ml.Transforms.DecodeFromLatent("Decoded", vae.Decoder, nameof(LatentRow.Z), batchSize: 64).Fit(data);

        var batched = model.Transform(data).GetColumn<float[]>("Decoded").ToArray();
        var engine = _ml.Model.CreatePredictionEngine<LatentRow, DecodedRow>(model);
        var direct = RunDecoder(latents);

        Assert.Equal(150, batched.Length);
        for (var i = 0; i < latents.Length; i++)
        {
            var single = engine.Predict(new LatentRow { Z = latents[i] }).Decoded;
            AssertClose(direct[i], batched[i]);
            AssertClose(single, batched[i]);
        }
    }

    [Fact]
    public void Prediction_engines_on_several_threads_agree()
    {
        var latents = Latents(40, seed: 4);
        var data = _ml.Data.LoadFromEnumerable(latents.Select(z => new LatentRow { Z = z }));
        using var model = _ml.Transforms.DecodeFromLatent("Decoded", vae.Decoder, nameof(LatentRow.Z)).Fit(data);
        var expected = RunDecoder(latents);

        var results = new float[4][][];
        Parallel.For(0, 4, t =>
        {
            var engine = _ml.Model.CreatePredictionEngine<LatentRow, DecodedRow>(model);
            results[t] = latents.Select(z => engine.Predict(new LatentRow { Z = z }).Decoded).ToArray();
        });

        Assert.All(results, r => Assert.All(Enumerable.Range(0, latents.Length), i => AssertClose(expected[i], r[i])));
    }

    [Fact]
    public void A_float_vector_image_column_feeds_the_encoder_and_a_seeded_sample_is_reproducible()
    {
        var data = _ml.Data.LoadFromEnumerable(vae.Images.Select(p => new PixelsRow { Pixels = p }));
        var options = new EncodeToLatentOptions { ModelFile = vae.Encoder, InputColumnName = nameof(PixelsRow.Pixels), SampledLatentColumnName = "Z", Seed = 7 };
        var output = _ml.Transforms.EncodeToLatent(options).Fit(data).Transform(data);

        var z1 = output.GetColumn<float[]>("Z").ToArray();
        var z2 = _ml.Transforms.EncodeToLatent(options with { Runtime = new OnnxRuntimeOptions(BatchSize: 7) }).Fit(data).Transform(data).GetColumn<float[]>("Z").ToArray();
        var mean = output.GetColumn<float[]>("Mean").ToArray();

        Assert.Equal(z1, z2);
        Assert.NotEqual(mean[0], z1[0]);
    }

    [NoCudaFact]
    public void Asking_for_cuda_without_the_provider_falls_back_with_a_warning_or_fails_clearly()
    {
        var data = _ml.Data.LoadFromEnumerable(Latents(3, 1).Select(z => new LatentRow { Z = z }));
        var warnings = new List<string>();
        var options = new DecodeFromLatentOptions
        {
            ModelFile = vae.Decoder,
            OutputColumnName = "Decoded",
            InputColumnName = nameof(LatentRow.Z),
            Runtime = new OnnxRuntimeOptions(GpuDeviceId: 0, Warn: warnings.Add),
        };

        using var model = _ml.Transforms.DecodeFromLatent(options).Fit(data);
        var error = Assert.Throws<InvalidOperationException>(() => _ml.Transforms.DecodeFromLatent(options with { Runtime = options.Runtime with { FallbackToCpu = false } }).Fit(data));

        Assert.Equal("CPU", model.ExecutionProvider);
        Assert.Contains("CUDAExecutionProvider", Assert.Single(warnings));
        Assert.Contains("FallbackToCpu = false", error.Message);
    }

    [CudaFact]
    public void Decoder_runs_on_cuda_device_0()
    {
        var latents = Latents(10, 2);
        var data = _ml.Data.LoadFromEnumerable(latents.Select(z => new LatentRow { Z = z }));
        var options = new DecodeFromLatentOptions { ModelFile = vae.Decoder, OutputColumnName = "Decoded", InputColumnName = nameof(LatentRow.Z), Runtime = new OnnxRuntimeOptions(GpuDeviceId: 0, FallbackToCpu: false) };
        using var model = _ml.Transforms.DecodeFromLatent(options).Fit(data);
        var decoded = model.Transform(data).GetColumn<float[]>("Decoded").ToArray();
        Assert.Equal("CUDA:0", model.ExecutionProvider);
        Assert.All(Enumerable.Range(0, 10), i => AssertClose(RunDecoder(latents)[i], decoded[i], 1e-4f));
    }

    [Fact]
    public void The_library_does_not_reference_torchsharp()
    {
        var references = typeof(GenerativeOnnxTransformer).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.DoesNotContain(references, r => r.Contains("TorchSharp", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("Microsoft.ML.OnnxRuntime", references);
    }

    internal static float[][] Latents(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, 20).Select(_ => (float)((random.NextDouble() * 4) - 2)).ToArray()).ToArray();
    }

    internal float[][] RunDecoder(float[][] latents) => Run(vae.Decoder, latents, 20, "image", 784);

    internal (float[][] Mean, float[][] LogVar) RunEncoder(float[][] images) =>
        (Run(vae.Encoder, images, 784, "mean", 20), Run(vae.Encoder, images, 784, "log_var", 20));

    internal static void AssertClose(float[] expected, float[] actual, float tolerance = 1e-5f)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(worst <= tolerance, $"max |difference| {worst} > {tolerance}");
    }

    [Fact]
    public void Decoded_rows_are_the_same_whether_onnx_runtime_threads_spin_or_sleep_between_runs()
    {
        // Given 130 latents (two full batches of 64 and a partial one) and the decoder with each spinning setting
        var data = _ml.Data.LoadFromEnumerable(Latents(130, seed: 5).Select(z => new LatentRow { Z = z }));
        bool?[] settings = [null, true, false];

        // When
        var decoded = settings.Select(spinning =>
        {
            var options = new DecodeFromLatentOptions
            {
                ModelFile = vae.Decoder, OutputColumnName = "Decoded", InputColumnName = nameof(LatentRow.Z),
                Runtime = OnnxRuntimeOptions.Default with { IntraOpThreads = 2, IntraOpSpinning = spinning },
            };
            using var transformer = _ml.Transforms.DecodeFromLatent(options).Fit(data);
            Assert.Equal(spinning, transformer.Runtime.IntraOpSpinning);     // the options as given; null resolved only inside
            return transformer.Transform(data).GetColumn<float[]>("Decoded").SelectMany(row => row).ToArray();
        }).ToArray();

        // Then: the setting changes how threads wait, never what they compute
        Assert.Equal(130 * 784, decoded[0].Length);
        Assert.Equal(decoded[0], decoded[1]);
        Assert.Equal(decoded[0], decoded[2]);
    }

    private static float[][] Run(string file, float[][] rows, int inputSize, string output, int outputSize)
    {
        using var session = new InferenceSession(file);
        var name = session.InputMetadata.Keys.Single();
        long[] shape = inputSize == 784 ? [rows.Length, 1, 28, 28] : [rows.Length, inputSize];
        using var input = OrtValue.CreateTensorValueFromMemory(rows.SelectMany(r => r).ToArray(), shape);
        using var results = session.Run(new RunOptions(), [name], [input], [output]);
        var flat = results[0].GetTensorDataAsSpan<float>().ToArray();
        return Enumerable.Range(0, rows.Length).Select(i => flat.AsSpan(i * outputSize, outputSize).ToArray()).ToArray();
    }
}
