using Microsoft.ML.OnnxRuntime;
using Pipeline.Export.Families;
using Pipeline.Models.Gans;
using Pipeline.Models.StyleGan;
using Pipeline.Onnx;
using static Pipeline.Export.Tests.ExportHarness;
using static TorchSharp.torch;
using Names = Pipeline.Onnx.StyleGanExportFolder;

namespace Pipeline.Export.Tests.StyleGan;

[Collection(ProcessWideSeedCollection.Name)]
public sealed class StyleGanOnnxExportTests
{
    private static readonly StyleGanOptions Grey32 = StyleGanOptions.Fashion32 with { LatentSize = 16, StyleSize = 16, MappingLayers = 2, MaxWidth = 32, MinWidth = 8 };
    private static readonly StyleGanOptions Rgb64 = StyleGanOptions.Rgb64 with { LatentSize = 16, StyleSize = 16, MappingLayers = 2, MaxWidth = 16, MinWidth = 8 };

    [Fact]
    public void Conditional_generator_exports_three_verified_checker_clean_files()
    {
        // Given: a conditional generator whose noise strengths, biases and class centres are not at their initial values.
        manual_seed(51);
        using var generator = Perturbed(new StyleGenerator(Grey32));
        string[] names = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

        // When
        var files = StyleGanOnnxExport.Export(generator, Path.Combine(Folder, "stylegan-c"), "run-s", truncation: 0.7, classNames: names);

        // Then: ONNX Runtime matched TorchSharp on batches 1 and 7 (the export fails otherwise) and the checker accepts each.
        foreach (var report in files.All)
        {
            Assert.Equal([1, 7], report.BatchSizes);
            Assert.All(report.MaxAbsDifference.Values, d => Assert.InRange(d, 0, 1e-4));
            OnnxChecker.AssertValid(report.Path);
        }

        Assert.Equal(Names.GeneratorFile, Path.GetFileName(files.Generator.Path));
        var roles = files.All.Select(r => Metadata(r.Path)).Select(m => (m.ModelFamily, m.Role, m.ClassCount)).ToArray();
        Assert.Equal([(Names.ModelFamily, OnnxMetadataKeys.Roles.Generator, 10), (Names.ModelFamily, Names.MappingRole, 10), (Names.ModelFamily, Names.SynthesisRole, 10)], roles);
        var generatorMetadata = Metadata(files.Generator.Path);
        Assert.Equal((0.0, 1.0), generatorMetadata.ValueRange);
        Assert.Equal(names, generatorMetadata.ClassNames);
        Assert.Equal("8", generatorMetadata.Extra[Names.StyleCountKey]);
        Assert.Equal("0.7", generatorMetadata.Extra[Names.TruncationKey]);
        Assert.Equal(generator.Mapping.parameters().Sum(p => p.numel()), files.Mapping.ParameterCount);
        Assert.Equal(NoiseMode.Random, generator.Synthesis.NoiseMode);
        Assert.True(generator.training, "export must leave the generator in the mode it found it");
    }

    [Fact]
    public void Unconditional_files_take_no_label_and_hide_the_truncation_default_from_input_binding()
    {
        // Given
        manual_seed(52);
        using var generator = Perturbed(new StyleGenerator(Rgb64));

        // When
        var files = StyleGanOnnxExport.Export(generator, Path.Combine(Folder, "stylegan-u"), "run-u");

        // Then: z and ψ are the inputs; ψ also has an initializer (its default), which our ML.NET bindings skip.
        foreach (var report in files.All)
        {
            OnnxChecker.AssertValid(report.Path);
        }

        var graph = OnnxFile.Read(files.Generator.Path).Graph;
        Assert.Equal([Names.Latent, Names.Truncation], graph.Input.Select(i => i.Name));
        Assert.Equal(1f, graph.Initializer.Single(i => i.Name == Names.Truncation).FloatData.Concat(RawFloats(graph.Initializer.Single(i => i.Name == Names.Truncation))).Single());
        Assert.Null(Metadata(files.Generator.Path).ClassCount);
        using var session = new InferenceSession(files.Synthesis.Path);
        Assert.Equal([-1, 10, 16], session.InputMetadata[Names.Styles].Dimensions);
        Assert.Equal([-1, 3, 64, 64], session.OutputMetadata[Names.Image].Dimensions);
    }

    [Theory]
    [InlineData(0.5f)]
    [InlineData(1.0f)]
    public void Truncation_input_gives_the_images_of_Generate_with_that_truncation(float psi)
    {
        // Given: a conditional export whose default ψ (0.8) differs from the one fed.
        manual_seed(53);
        using var generator = Perturbed(new StyleGenerator(Grey32));
        var files = StyleGanOnnxExport.Export(generator, Path.Combine(Folder, $"stylegan-t{psi}"), "run-t", truncation: 0.8);
        var z = randn(5, 16);
        var labels = tensor(new long[] { 0, 3, 3, 9, 6 });

        // When
        var fed = RunImage(files.Generator.Path, z, labels, psi);
        var unfed = RunImage(files.Generator.Path, z, labels, null);

        // Then
        generator.eval();
        generator.Synthesis.NoiseMode = NoiseMode.Fixed;
        using var noGrad = no_grad();
        AssertClose(DcganGenerator.ToUnitRange(generator.Generate(z, labels, psi)), fed);
        AssertClose(DcganGenerator.ToUnitRange(generator.Generate(z, labels, 0.8)), unfed);
        Assert.False(fed.allclose(unfed, atol: 1e-3), "ψ must change the images");
    }

    [Fact]
    public void Mapping_and_synthesis_files_reproduce_Map_and_mixed_synthesis()
    {
        // Given
        manual_seed(54);
        using var generator = Perturbed(new StyleGenerator(Grey32));
        var files = StyleGanOnnxExport.Export(generator, Path.Combine(Folder, "stylegan-m"), "run-m");
        var z = randn(4, 16);
        var labels = tensor(new long[] { 1, 2, 7, 7 });
        generator.eval();
        generator.Synthesis.NoiseMode = NoiseMode.Fixed;
        using var noGrad = no_grad();

        // When: w from mapping.onnx (ψ 0.6), then two images' styles mixed at layer 3 through synthesis.onnx.
        using var mapping = new InferenceSession(files.Mapping.Path);
        var w = Run(mapping, [Latent(z), Labels(labels), Psi(0.6f)], Names.Style);
        var mixed = StyleGenerator.Mix(generator.Broadcast(w), generator.Broadcast(w.flip(0)), 3);
        using var synthesis = new InferenceSession(files.Synthesis.Path);
        var image = Run(synthesis, [NamedOnnxValue.CreateFromTensor(Names.Styles, Dense(mixed))], Names.Image);

        // Then
        AssertClose(generator.Map(z, labels, 0.6).select(1, 0), w);
        AssertClose(DcganGenerator.ToUnitRange(generator.Synthesize(mixed)), image);
    }

    [Fact]
    public void Model_card_lists_the_three_files_and_says_why_the_noise_is_fixed()
    {
        // Given
        manual_seed(57);
        using var generator = Perturbed(new StyleGenerator(Grey32));
        var folder = Path.Combine(Folder, "stylegan-card");
        var files = StyleGanOnnxExport.Export(generator, folder, "run-card", truncation: 0.7);

        // When
        var card = File.ReadAllText(StyleGanModelCard.Create(Grey32, files, "run-card", truncation: 0.7, emaDecay: 0.999).Write(folder));

        // Then
        Assert.StartsWith("# StyleGAN2 generator `run-card`", card, StringComparison.Ordinal);
        foreach (var file in new[] { Names.GeneratorFile, Names.MappingFile, Names.SynthesisFile })
        {
            Assert.Contains($"| `{file}` |", card, StringComparison.Ordinal);
        }

        Assert.Contains("a default of 0.7", card, StringComparison.Ordinal);
        Assert.Contains("average w of the sample's own class", card, StringComparison.Ordinal);
        Assert.Contains("drawn once and is stored in the files as constants", card, StringComparison.Ordinal);
        Assert.Contains("decay 0.999", card, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_noise_is_refused_with_a_message_saying_what_to_set()
    {
        manual_seed(55);
        using var synthesis = new SynthesisNetwork(Grey32);

        var error = Assert.Throws<NotSupportedException>(() => OnnxExporter.BuildModel(synthesis, new OnnxExportOptions
        {
            OutputPath = NewPath("stylegan-random"),
            Inputs = [OnnxTensorSpec.Batched("ws", 8, 16)],
            OutputNames = ["image"],
        }));

        Assert.Contains("blocks.0.conv1", error.Message);
        Assert.Contains("NoiseMode", error.Message);
    }

    [Fact]
    public void A_standalone_synthesis_without_noise_matches_torchsharp()
    {
        manual_seed(56);
        using var synthesis = new SynthesisNetwork(Rgb64) { NoiseMode = NoiseMode.None };

        var report = ExportChecked(synthesis, new OnnxExportOptions
        {
            OutputPath = NewPath("stylegan-synthesis"),
            Inputs = [OnnxTensorSpec.Batched("ws", 10, 16)],
            OutputNames = ["image"],
            VerificationBatchSizes = [1, 7],
        });

        Assert.InRange(report.MaxAbsDifference["image"], 0, 1e-4);
        Assert.Equal(8, Nodes(report).Count(n => n.OpType == "Resize")); // 4×4 → 64×64: four feature and four image upsamplings
    }

    // Noise strengths, biases, and class centres away from their initial zeros, as after training; left in training mode.
    private static StyleGenerator Perturbed(StyleGenerator generator)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var layer in generator.Synthesis.Layers)
        {
            layer.NoiseStrength.fill_(0.4);
            layer.Bias.add_(randn_like(layer.Bias) * 0.2);
        }

        var classes = Math.Max(generator.Options.ClassCount, 1);
        generator.TrackAverage(randn(classes * 2, generator.Options.StyleSize), generator.Options.IsConditional ? arange(classes * 2, ScalarType.Int64) % classes : null, beta: 0);
        return generator;
    }

    private static Tensor RunImage(string path, Tensor z, Tensor labels, float? psi)
    {
        using var session = new InferenceSession(path);
        List<NamedOnnxValue> inputs = [Latent(z), Labels(labels)];
        if (psi is { } value)
        {
            inputs.Add(Psi(value));
        }

        return Run(session, inputs, Names.Image);
    }

    private static Tensor Run(InferenceSession session, IReadOnlyList<NamedOnnxValue> inputs, string output)
    {
        using var results = session.Run(inputs);
        var result = results.Single(r => r.Name == output).AsTensor<float>();
        return tensor(result.ToArray(), result.Dimensions.ToArray().Select(d => (long)d).ToArray());
    }

    private static NamedOnnxValue Latent(Tensor z) => NamedOnnxValue.CreateFromTensor(Names.Latent, Dense(z));

    private static NamedOnnxValue Labels(Tensor labels) => NamedOnnxValue.CreateFromTensor(Names.Label,
        new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<long>(labels.data<long>().ToArray(), [(int)labels.shape[0]]));

    private static NamedOnnxValue Psi(float psi) => NamedOnnxValue.CreateFromTensor(Names.Truncation,
        new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>(new[] { psi }, [1]));

    private static Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float> Dense(Tensor x) =>
        new(x.contiguous().data<float>().ToArray(), x.shape.Select(d => (int)d).ToArray());

    private static void AssertClose(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        var difference = (expected - actual).abs().max().item<float>();
        Assert.True(difference <= 1e-4, $"max |ONNX Runtime − TorchSharp| = {difference}");
    }

    private static OnnxModelMetadata Metadata(string path) => OnnxModelMetadata.FromProperties(OnnxFile.Metadata(OnnxFile.Read(path)));

    private static IEnumerable<float> RawFloats(Pipeline.Onnx.Proto.TensorProto tensor)
    {
        var bytes = tensor.RawData.ToByteArray();
        return Enumerable.Range(0, bytes.Length / 4).Select(i => BitConverter.ToSingle(bytes, i * 4));
    }
}
