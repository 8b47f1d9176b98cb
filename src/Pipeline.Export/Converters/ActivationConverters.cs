namespace Pipeline.Export.Converters;

/// <summary>Element-wise activations.</summary>
public static class ActivationConverters
{
    /// <summary>Registers the converters.</summary>
    public static void Register(ConverterRegistry registry)
    {
        registry.Register<ReLU>((context, _, inputs) => new[] { context.Graph.Relu(inputs[0]) });
        registry.Register<LeakyReLU>((context, module, inputs) => new[] { context.Graph.LeakyRelu(inputs[0], module.negative_slope) });
        registry.Register<Tanh>((context, _, inputs) => new[] { context.Graph.Tanh(inputs[0]) });
        registry.Register<Sigmoid>((context, _, inputs) => new[] { context.Graph.Sigmoid(inputs[0]) });
        registry.Register<SiLU>((context, _, inputs) => new[] { context.Graph.Mul(inputs[0], context.Graph.Sigmoid(inputs[0])) });
        registry.Register<Softplus>(ConvertSoftplus);
    }

    // PyTorch: softplus(x) = log(1 + e^(βx)) / β, and x itself where βx > threshold. The linear branch differs from
    // the smooth one by log(1 + e^−threshold) ≈ 2e−9 at the default threshold 20, so the graph needs no switch.
    private static IReadOnlyList<string> ConvertSoftplus(ExportContext context, Softplus module, IReadOnlyList<string> inputs)
    {
        var graph = context.Graph;
        if (module.beta == 1)
        {
            return new[] { graph.Softplus(inputs[0]) };
        }

        var beta = graph.Constant(new[] { (float)module.beta });
        return new[] { graph.Div(graph.Softplus(graph.Mul(inputs[0], beta)), beta) };
    }
}
