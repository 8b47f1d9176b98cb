using System.Runtime.CompilerServices;
using TorchSharp;

namespace Pipeline.Export.Verification;

/// <summary>
/// Runs any module's forward from outside its static type: TorchSharp's <c>Module&lt;T1, …, TResult&gt;.call</c>
/// with tensor arguments, whose result is a tensor or a tuple of tensors (several outputs, e.g. (Mean, LogVar)).
/// </summary>
internal static class TorchReference
{
    public static Tensor[] Forward(nn.Module module, IReadOnlyList<Tensor> inputs)
    {
        var call = module.GetType().GetMethods()
            .FirstOrDefault(m => m.Name == "call"
                && m.GetParameters().Length == inputs.Count
                && m.GetParameters().All(p => p.ParameterType == typeof(Tensor)))
            ?? throw new NotSupportedException($"{module.GetType().Name} has no forward taking {inputs.Count} tensor(s); verification needs one.");

        var result = call.Invoke(module, inputs.Cast<object>().ToArray());
        return result switch
        {
            Tensor tensor => new[] { tensor },
            ITuple tuple => Enumerable.Range(0, tuple.Length).Select(i => tuple[i] as Tensor
                ?? throw new NotSupportedException($"{module.GetType().Name}'s forward returns a {tuple[i]?.GetType().Name} where tensors were expected.")).ToArray(),
            _ => throw new NotSupportedException($"{module.GetType().Name}'s forward returns {result?.GetType().Name ?? "null"}, not tensors."),
        };
    }
}
