using Pipeline.Models.Gans;
using Pipeline.Models.Layers;

namespace Pipeline.Export.Converters;

/// <summary>
/// The GAN family's own layers, expressed with standard ONNX operators: spectral normalisation folded into a plain
/// weight, conditional batch normalisation as BatchNormalization then per-class Gather of γ and β, SAGAN attention as
/// MatMul/Softmax, and the DCGAN generator composed from them.
/// </summary>
public static class GanConverters
{
    /// <summary>Registers the converters.</summary>
    public static void Register(ConverterRegistry registry)
    {
        registry.Register<SpectralNorm>(ConvertSpectralNorm);
        registry.Register<ConditionalBatchNorm2d>(ConvertConditionalBatchNorm);
        registry.Register<GeneratorBlock>(ConvertGeneratorBlock);
        registry.Register<SelfAttention2d>(ConvertSelfAttention);
        registry.Register<DcganGenerator>(ConvertGenerator);
    }

    // Eval-mode spectral norm is a fixed linear map W / σ(u) (Miyato et al. 2018, eq. 8 with the stored u), so it
    // folds into one ordinary weight.
    private static IReadOnlyList<string> ConvertSpectralNorm(ExportContext context, SpectralNorm layer, IReadOnlyList<string> inputs)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var weight = context.Parameter("weight", layer.NormalizedWeight());
        var bias = layer.Bias is null ? null : context.Parameter("bias", layer.Bias);
        var graph = context.Graph;
        if (layer.Layer == SpectralNormLayer.Linear)
        {
            return [graph.Gemm(inputs[0], weight, bias, transposeB: true)];
        }

        var (s, p) = (layer.Stride, layer.Padding);
        return [graph.Conv(inputs[0], weight, bias, [s, s], [p, p, p, p], [1, 1], 1)];
    }

    // BN(x)·γ[y] + β[y] (de Vries et al. 2017): inputs x (B, C, H, W) and labels (B) int64.
    private static IReadOnlyList<string> ConvertConditionalBatchNorm(ExportContext context, ConditionalBatchNorm2d layer, IReadOnlyList<string> inputs)
    {
        var graph = context.Graph;
        var (x, labels) = (inputs[0], inputs[1]);
        var normalised = context.Convert(layer.Norm, x, ExportContext.ChildName(layer, layer.Norm));
        var channels = layer.Gamma.weight!.shape[1];
        var scale = graph.Reshape(context.Convert(layer.Gamma, labels, ExportContext.ChildName(layer, layer.Gamma)), [0, channels, 1, 1]); // (B, C, 1, 1)
        var shift = graph.Reshape(context.Convert(layer.Beta, labels, ExportContext.ChildName(layer, layer.Beta)), [0, channels, 1, 1]);
        return [graph.Add(graph.Mul(normalised, scale), shift)];
    }

    private static IReadOnlyList<string> ConvertGeneratorBlock(ExportContext context, GeneratorBlock block, IReadOnlyList<string> inputs)
    {
        var upsampled = context.Convert(block.Upsample, inputs[0], ExportContext.ChildName(block, block.Upsample)); // (B, Cout, 2H, 2W)
        var normalised = context.Convert(block.Norm, [upsampled, inputs[1]], ExportContext.ChildName(block, block.Norm))[0];
        return [context.Graph.Relu(normalised)];
    }

    // SAGAN (Zhang et al. 2019, eq. 1–3): β = softmax over i of f(x)ᵀg(x); o = h(x)β; y = γ·o + x.
    private static IReadOnlyList<string> ConvertSelfAttention(ExportContext context, SelfAttention2d layer, IReadOnlyList<string> inputs)
    {
        var graph = context.Graph;
        var x = inputs[0];
        var shape = graph.RequireShape(x);                         // (B, C, H, W)
        var (channels, pixels) = (shape[1], shape[2] * shape[3]);
        var (f, g, h) = layer.Projections;
        var query = Flatten(context, layer, f, x, pixels);          // (B, C/8, N)
        var key = Flatten(context, layer, g, x, pixels);            // (B, C/8, N)
        var value = Flatten(context, layer, h, x, pixels);          // (B, C, N)
        var scores = graph.MatMul(graph.Transpose(query, [0, 2, 1]), key); // (B, N_i, N_j)
        var attended = graph.MatMul(value, graph.Softmax(scores, axis: 1)); // (B, C, N)
        var gamma = context.Parameter("gamma", layer.Gamma);
        return [graph.Add(graph.Mul(gamma, graph.Reshape(attended, [0, channels, shape[2], shape[3]])), x)];
    }

    private static string Flatten(ExportContext context, SelfAttention2d layer, nn.Module<Tensor, Tensor> projection, string x, long pixels) =>
        context.Graph.Reshape(context.Convert(projection, x, ExportContext.ChildName(layer, projection)), [0, -1, pixels]);

    // project → reshape → CBN → ReLU → blocks (attention after one) → output conv → tanh; inputs z (B, Z), labels (B).
    private static IReadOnlyList<string> ConvertGenerator(ExportContext context, DcganGenerator generator, IReadOnlyList<string> inputs)
    {
        var graph = context.Graph;
        var (z, labels) = (inputs[0], inputs[1]);
        var classes = generator.Options.IsConditional ? labels : graph.Mul(labels, graph.Constant(0L)); // unconditional: class 0 for all
        var projected = context.Convert(generator.Project, z, ExportContext.ChildName(generator, generator.Project));
        var baseWidth = generator.ProjectNorm.Gamma.weight!.shape[1];
        var baseSize = generator.Options.Resolutions[0];
        var x = graph.Reshape(projected, [0, baseWidth, baseSize, baseSize]); // (B, W₀, s₀, s₀)
        x = graph.Relu(context.Convert(generator.ProjectNorm, [x, classes], ExportContext.ChildName(generator, generator.ProjectNorm))[0]);
        for (var i = 0; i < generator.Blocks.Count; i++)
        {
            x = context.Convert(generator.Blocks[i], [x, classes], $"blocks.{i}")[0];
            if (i == generator.AttentionAfterBlock)
            {
                x = context.Convert(generator.Attention!, x, ExportContext.ChildName(generator, generator.Attention!));
            }
        }

        return [graph.Tanh(context.Convert(generator.Output, x, ExportContext.ChildName(generator, generator.Output)))]; // (B, C, H, W)
    }
}
