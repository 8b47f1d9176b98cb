using TorchSharp;

namespace Pipeline.Export;

/// <summary>
/// Describes one module type's forward pass as ONNX nodes: given the values its inputs are bound to, it adds nodes
/// through <see cref="ExportContext.Graph"/> (delegating to child modules with <see cref="ExportContext.Convert(torch.nn.Module, IReadOnlyList{string}, string)"/>)
/// and returns the values of its outputs, in the order of the module's forward result.
/// </summary>
public interface IModuleConverter
{
    /// <summary>Converts <paramref name="module"/> applied to <paramref name="inputs"/>; returns its output values.</summary>
    IReadOnlyList<string> Convert(ExportContext context, torch.nn.Module module, IReadOnlyList<string> inputs);
}

/// <summary>A converter written as a lambda over the concrete module type.</summary>
/// <example>
/// <code>
/// registry.Register&lt;MyBlock&gt;((context, block, inputs) =&gt;
/// {
///     var h = context.Convert(block.Body, inputs[0], "body");
///     return new[] { context.Graph.Add(inputs[0], h) }; // residual
/// });
/// </code>
/// </example>
public delegate IReadOnlyList<string> ModuleConverter<in TModule>(ExportContext context, TModule module, IReadOnlyList<string> inputs)
    where TModule : torch.nn.Module;
