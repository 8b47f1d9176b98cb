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
        registry.Register<ConditionalStyleGraph>((context, graph, inputs) => Convert(context, graph.Generator, inputs[0], inputs[1], inputs[2], graph.Output, graph.DefaultTruncation));
        registry.Register<UnconditionalStyleGraph>((context, graph, inputs) => Convert(context, graph.Generator, inputs[0], null, inputs[1], graph.Output, graph.DefaultTruncation));
        registry.Register<UnitRangeSynthesis>((context, graph, inputs) => [GanOnnxExport.UnitRange(context.Graph, context.Convert(graph.Generator.Synthesis, inputs[0], "synthesis"))]);
        return registry;
    }

    /// <summary>w′ = w̄[label] + ψ(f(z, label) − w̄[label]), then the image g(w′, …, w′) when asked: ψ (1) broadcasts.</summary>
    public static Tensor Forward(StyleGenerator generator, Tensor z, Tensor? labels, Tensor truncation, StyleGraphOutput output)
    {
        using var scope = NewDisposeScope();
        var w = generator.Truncate(generator.Mapping.call(z, labels), labels, truncation);      // (B, W)
        var result = output == StyleGraphOutput.Style ? w : DcganGenerator.ToUnitRange(generator.Synthesize(generator.Broadcast(w)));
        return result.MoveToOuterDisposeScope();
    }

    // The graph form of Forward. ψ gets a default so that a consumer feeding only z (and label) runs the graph.
    private static IReadOnlyList<string> Convert(ExportContext context, StyleGenerator generator, string z, string? label, string truncation, StyleGraphOutput output, double defaultTruncation)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var graph = context.Graph;
        graph.SetInputDefault(truncation, (float)defaultTruncation);
        var w = context.Convert(generator.Mapping, label is null ? [z] : [z, label], "mapping")[0]; // (B, W)
        var centre = label is null
            ? context.Buffer("w_avg", generator.WAverage.narrow(0, 0, 1))                       // (1, W)
            : graph.Gather(context.Buffer("w_avg", generator.WAverage), label, 0);              // (B, W)
        w = graph.Add(centre, graph.Mul(truncation, graph.Sub(w, centre)));
        if (output == StyleGraphOutput.Style)
        {
            return [w];
        }

        // One w for every layer: the synthesis converter then feeds it to each affine layer without a Gather.
        return [GanOnnxExport.UnitRange(graph, context.Convert(generator.Synthesis, w, "synthesis"))];
    }
}

/// <summary>(z, label, ψ) → w or image, for a conditional generator.</summary>
internal sealed class ConditionalStyleGraph : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    private readonly StyleGenerator generator;

    public ConditionalStyleGraph(StyleGenerator generator, StyleGraphOutput output, double defaultTruncation) : base(nameof(ConditionalStyleGraph))
    {
        this.generator = generator;
        Output = output;
        DefaultTruncation = defaultTruncation;
        RegisterComponents();
    }

    public StyleGenerator Generator => generator;

    public StyleGraphOutput Output { get; }

    public double DefaultTruncation { get; }

    public override Tensor forward(Tensor z, Tensor labels, Tensor truncation) => StyleGanExportGraphs.Forward(generator, z, labels, truncation, Output);
}

/// <summary>(z, ψ) → w or image, for an unconditional generator (no label input, so no label column is asked for).</summary>
internal sealed class UnconditionalStyleGraph : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly StyleGenerator generator;

    public UnconditionalStyleGraph(StyleGenerator generator, StyleGraphOutput output, double defaultTruncation) : base(nameof(UnconditionalStyleGraph))
    {
        this.generator = generator;
        Output = output;
        DefaultTruncation = defaultTruncation;
        RegisterComponents();
    }

    public StyleGenerator Generator => generator;

    public StyleGraphOutput Output { get; }

    public double DefaultTruncation { get; }

    public override Tensor forward(Tensor z, Tensor truncation) => StyleGanExportGraphs.Forward(generator, z, null, truncation, Output);
}

/// <summary>ws (B, L, W) → image in [0, 1].</summary>
internal sealed class UnitRangeSynthesis : nn.Module<Tensor, Tensor>
{
    private readonly StyleGenerator generator;

    public UnitRangeSynthesis(StyleGenerator generator) : base(nameof(UnitRangeSynthesis))
    {
        this.generator = generator;
        RegisterComponents();
    }

    public StyleGenerator Generator => generator;

    public override Tensor forward(Tensor ws) => DcganGenerator.ToUnitRange(generator.Synthesize(ws));
}
