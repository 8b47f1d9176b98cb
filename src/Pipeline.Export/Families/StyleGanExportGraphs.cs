using Pipeline.Models.Gans;
using Pipeline.Models.StyleGan;

namespace Pipeline.Export.Families;

/// <summary>What a StyleGAN2 graph built from (z[, label], ψ) returns.</summary>
internal enum StyleGraphOutput
{
    /// <summary>w (B, W), truncated: mapping.onnx.</summary>
    Style,

    /// <summary>The image in [0, 1]: generator.onnx.</summary>
    Image,
}

/// <summary>
/// The modules behind the three StyleGAN2 files (a forward per graph signature, so the exporter can check each
/// against TorchSharp) and the converters that write them. Images leave in [0, 1], (x + 1) / 2 clipped, as
/// <see cref="DcganGenerator.ToUnitRange"/>, the convention every image-producing export of the project follows.
/// </summary>
internal static class StyleGanExportGraphs
{
    /// <summary>A registry with the default converters and those of the graphs below.</summary>
    public static ConverterRegistry Registry()
    {
        var registry = ConverterRegistry.CreateDefault();
        registry.Register<ConditionalStyleGraph>((context, graph, inputs) => graph.Graph.Convert(context, inputs[0], inputs[1], inputs[2]));
        registry.Register<UnconditionalStyleGraph>((context, graph, inputs) => graph.Graph.Convert(context, inputs[0], null, inputs[1]));
        registry.Register<UnitRangeSynthesis>((context, graph, inputs) => [GanOnnxExport.UnitRange(context.Graph, context.Convert(graph.Generator.Synthesis, inputs[0], "synthesis"))]);
        return registry;
    }

    /// <summary>The graph (z[, label], ψ) → w or image of <paramref name="generator"/>, as the module of its signature.</summary>
    public static nn.Module Create(StyleGenerator generator, StyleGraphOutput output, double defaultTruncation)
    {
        var graph = new StyleGraph(generator, output, defaultTruncation);
        return generator.Options.IsConditional ? new ConditionalStyleGraph(graph) : new UnconditionalStyleGraph(graph);
    }
}

/// <summary>What a StyleGAN2 graph from (z[, label], ψ) computes: both wrappers' forward and converter, written once.</summary>
/// <param name="Generator">The generator (the caller's: not disposed with the wrapper's graph).</param>
/// <param name="Output">w or the image.</param>
/// <param name="DefaultTruncation">ψ when the input is not fed.</param>
internal sealed record StyleGraph(StyleGenerator Generator, StyleGraphOutput Output, double DefaultTruncation)
{
    /// <summary>w′ = w̄[label] + ψ(f(z, label) − w̄[label]), then the image g(w′, …, w′) when asked: ψ (1) broadcasts.</summary>
    public Tensor Forward(Tensor z, Tensor? labels, Tensor truncation)
    {
        using var scope = NewDisposeScope();
        var w = Generator.Truncate(Generator.Mapping.call(z, labels), labels, truncation);      // (B, W)
        var result = Output == StyleGraphOutput.Style ? w : DcganGenerator.ToUnitRange(Generator.Synthesize(Generator.Broadcast(w)));
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>The graph form of <see cref="Forward"/>. ψ gets a default so that a consumer feeding only z (and label) runs the graph.</summary>
    public IReadOnlyList<string> Convert(ExportContext context, string z, string? label, string truncation)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var graph = context.Graph;
        graph.SetInputDefault(truncation, (float)DefaultTruncation);
        var w = context.Convert(Generator.Mapping, label is null ? [z] : [z, label], "mapping")[0]; // (B, W)
        var centre = label is null
            ? context.Buffer("w_avg", Generator.WAverage.narrow(0, 0, 1))                       // (1, W)
            : graph.Gather(context.Buffer("w_avg", Generator.WAverage), label, 0);              // (B, W)
        w = graph.Add(centre, graph.Mul(truncation, graph.Sub(w, centre)));
        if (Output == StyleGraphOutput.Style)
        {
            return [w];
        }

        // One w for every layer: the synthesis converter then feeds it to each affine layer without a Gather.
        return [GanOnnxExport.UnitRange(graph, context.Convert(Generator.Synthesis, w, "synthesis"))];
    }
}

/// <summary>(z, label, ψ) → w or image, for a conditional generator.</summary>
internal sealed class ConditionalStyleGraph : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    // Registered so that the wrapper is the generator's parent, as the exporter and the parity check walk it.
    private readonly StyleGenerator generator;

    public ConditionalStyleGraph(StyleGraph graph) : base(nameof(ConditionalStyleGraph))
    {
        generator = graph.Generator;
        Graph = graph;
        RegisterComponents();
    }

    public StyleGraph Graph { get; }

    public override Tensor forward(Tensor z, Tensor labels, Tensor truncation) => Graph.Forward(z, labels, truncation);
}

/// <summary>(z, ψ) → w or image, for an unconditional generator (no label input, so no label column is asked for).</summary>
internal sealed class UnconditionalStyleGraph : nn.Module<Tensor, Tensor, Tensor>
{
    // Registered so that the wrapper is the generator's parent, as the exporter and the parity check walk it.
    private readonly StyleGenerator generator;

    public UnconditionalStyleGraph(StyleGraph graph) : base(nameof(UnconditionalStyleGraph))
    {
        generator = graph.Generator;
        Graph = graph;
        RegisterComponents();
    }

    public StyleGraph Graph { get; }

    public override Tensor forward(Tensor z, Tensor truncation) => Graph.Forward(z, null, truncation);
}

/// <summary>ws (B, L, W) → image in [0, 1].</summary>
internal sealed class UnitRangeSynthesis : nn.Module<Tensor, Tensor>
{
    // Registered so that the wrapper is the generator's parent, as the exporter and the parity check walk it.
    private readonly StyleGenerator generator;

    public UnitRangeSynthesis(StyleGenerator generator) : base(nameof(UnitRangeSynthesis))
    {
        this.generator = generator;
        RegisterComponents();
    }

    public StyleGenerator Generator => generator;

    public override Tensor forward(Tensor ws) => DcganGenerator.ToUnitRange(generator.Synthesize(ws));
}
