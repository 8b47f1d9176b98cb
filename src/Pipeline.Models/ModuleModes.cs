namespace Pipeline.Models;

/// <summary>
/// Every module's training flag under a root, restored module by module. <c>train(bool)</c> sets a whole subtree, so
/// restoring only the root's flag would overwrite submodules that were in another mode, e.g. a generator in eval mode
/// inside a freshly built export wrapper (which starts in training mode).
/// </summary>
public sealed class ModuleModes : IDisposable
{
    private readonly (nn.Module Module, bool Training)[] _modes;

    private ModuleModes(nn.Module root)
    {
        // modules() lists every module after its ancestors, so restoring in this order leaves each with its own flag.
        _modes = [(root, root.training), .. root.modules().Select(m => (m, m.training))];
    }

    /// <summary>Records the modes under <paramref name="root"/> and switches the whole tree to eval mode.</summary>
    public static ModuleModes Eval(nn.Module root)
    {
        var modes = new ModuleModes(root);
        root.eval();
        return modes;
    }

    /// <summary>Puts every module back in the mode it was recorded in.</summary>
    public void Dispose()
    {
        foreach (var (module, training) in _modes)
        {
            module.train(training);
        }
    }
}
