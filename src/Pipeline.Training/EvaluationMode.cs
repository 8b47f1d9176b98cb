using Pipeline.Models;
using Pipeline.Models.Runtime;

namespace Pipeline.Training;

/// <summary>
/// Puts a module in eval mode with gradients off and a dispose scope open; on dispose frees the tensors made inside
/// and restores the module's previous mode, so evaluation in the middle of training leaves training as it was.
/// </summary>
public sealed class EvaluationMode : IDisposable
{
    private readonly ModuleModes _modes;
    private readonly IDisposable _noGrad;
    private readonly DisposeScope _scope;

    public EvaluationMode(nn.Module module)
    {
        CollectionSafePoints.Reached();
        _modes = ModuleModes.Eval(module);
        _noGrad = no_grad();
        _scope = NewDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _scope.Dispose();
        _noGrad.Dispose();
        _modes.Dispose();
    }
}
