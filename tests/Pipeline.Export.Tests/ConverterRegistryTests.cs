using Pipeline.Onnx.Graph;
using Pipeline.Onnx.Optimization;
using TorchSharp.Modules;
using static Pipeline.Export.Tests.ExportHarness;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Export.Tests;

/// <summary>The registry: one converter per type, clear errors, user converters composing built-in ones.</summary>
[Collection(ProcessWideSeedCollection.Name)]
public sealed class ConverterRegistryTests
{
    [Fact]
    public void Unknown_module_type_error_names_type_path_and_registry_size()
    {
        var registry = ConverterRegistry.CreateDefault();
        var net = Sequential(("body", Sequential(("first", Linear(4, 4)), ("odd", Hardtanh()))));

        var error = Assert.Throws<UnsupportedModuleException>(() => OnnxExporter.BuildModel(net, Options("unknown", 4), registry));

        Assert.Equal("body.odd", error.Path);
        Assert.Contains("Hardtanh", error.Message);
        Assert.Contains("'body.odd'", error.Message);
        Assert.Contains($"({registry.Count} converters registered)", error.Message);
    }

    [Fact]
    public void Duplicate_registration_is_refused()
    {
        var registry = ConverterRegistry.CreateDefault();

        var error = Assert.Throws<InvalidOperationException>(() =>
            registry.Register<ReLU>((context, _, inputs) => new[] { context.Graph.Relu(inputs[0]) }));

        Assert.Contains("ReLU", error.Message);
    }

    [Fact]
    public void User_converter_composes_children_with_residual_add_and_module_list()
    {
        manual_seed(5);
        var registry = ConverterRegistry.CreateDefault();
        registry.Register<ResidualStack>((context, stack, inputs) =>
        {
            var body = context.Convert(stack.Layers, inputs[0], ExportContext.ChildName(stack, stack.Layers));
            return new[] { context.Graph.Add(inputs[0], body) };
        });

        var report = ExportChecked(new ResidualStack(6), new OnnxExportOptions
        {
            OutputPath = NewPath("residual"),
            Inputs = [OnnxTensorSpec.Batched("input", 6)],
            OutputNames = ["output"],
            VerificationBatchSizes = [1, 7],
        }, registry);

        Assert.Contains(RoundTripTests.Parse(report.Path).Graph.Initializer, i => i.Name == "layers.2.weight");
    }

    [Fact]
    public void Failed_verification_throws_and_leaves_the_previous_file_untouched()
    {
        var registry = new ConverterRegistry();
        registry.Register<ReLU>((context, _, inputs) => new[] { context.Graph.Tanh(inputs[0]) }); // deliberately wrong
        var path = NewPath("wrong");
        File.WriteAllText(path, "previous");

        var error = Assert.Throws<OnnxVerificationException>(() =>
            OnnxExporter.Export(ReLU(), Options("wrong", 5) with { OutputPath = path }, registry));

        Assert.Contains("'output'", error.Message);
        Assert.Equal("previous", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*"));
    }

    [Fact]
    public void Export_restores_training_mode()
    {
        var net = Sequential(("linear", Linear(3, 2)), ("dropout", Dropout(0.5)));
        net.train();

        ExportChecked(net, [3], "training-restored");

        Assert.True(net.training);
    }

    [Fact]
    public void Weights_beyond_the_protobuf_limit_are_refused_with_a_clear_error()
    {
        var linear = Linear(100, 100); // 40,400 bytes of float32 weights

        var error = Assert.Throws<NotSupportedException>(() =>
            OnnxExporter.BuildModel(linear, Options("too-large", 100), converters: null, maxWeightBytes: 40_000));

        Assert.Contains("40,400 bytes", error.Message);
        Assert.Contains("external data", error.Message);
    }

    [Fact]
    public void Builder_refuses_duplicate_value_names()
    {
        var graph = new OnnxGraphBuilder();
        graph.AddInput("x", OnnxElementType.Float32, [OnnxGraphBuilder.DynamicBatch, 3]);

        Assert.Throws<ArgumentException>(() => graph.AddInput("x", OnnxElementType.Float32, [1]));
    }

    private static OnnxExportOptions Options(string stem, long features) => new()
    {
        OutputPath = NewPath(stem),
        Inputs = [OnnxTensorSpec.Batched("input", features)],
        OutputNames = ["output"],
    };

    /// <summary>x + layers(x), with the layers in a ModuleList its forward calls in order.</summary>
    private sealed class ResidualStack : Module<Tensor, Tensor>
    {
        private readonly ModuleList<Module<Tensor, Tensor>> layers;

        public ResidualStack(int features) : base(nameof(ResidualStack))
        {
            layers = new ModuleList<Module<Tensor, Tensor>>(Linear(features, features), Tanh(), Linear(features, features));
            RegisterComponents();
        }

        public ModuleList<Module<Tensor, Tensor>> Layers => layers;

        public override Tensor forward(Tensor input)
        {
            var h = input;
            foreach (var layer in layers)
            {
                h = layer.call(h);
            }

            return input + h;
        }
    }
}
