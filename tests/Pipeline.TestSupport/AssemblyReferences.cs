using System.Reflection;

namespace Pipeline.TestSupport;

/// <summary>What a library pulls in, for the tests that keep TorchSharp (and other heavy dependencies) out of it.</summary>
public static class AssemblyReferences
{
    /// <summary>
    /// The names of every assembly <paramref name="root"/> references, following the references of our own
    /// (Pipeline.*) assemblies down; other assemblies are listed but not followed.
    /// </summary>
    public static IReadOnlySet<string> Closure(Assembly root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([root]);
        while (pending.TryPop(out Assembly? assembly))
        {
            foreach (AssemblyName reference in assembly.GetReferencedAssemblies())
            {
                if (seen.Add(reference.Name!) && reference.Name!.StartsWith("Pipeline.", StringComparison.Ordinal))
                {
                    pending.Push(Assembly.Load(reference));
                }
            }
        }

        return seen;
    }
}
