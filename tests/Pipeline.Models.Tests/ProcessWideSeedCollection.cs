namespace Pipeline.Models.Tests;

/// <summary>
/// The test classes that seed libtorch's process-wide generator (<c>manual_seed</c>): module initialisation, dropout
/// and reparameterised sampling draw from it and take no local generator. xunit runs test classes in parallel, so
/// another class's draws would interleave with theirs and the fixed seeds would not fix anything; this collection runs
/// alone, after the parallel ones. Tensors a test makes itself come from a local <c>torch.Generator</c> instead.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideSeedCollection
{
    /// <summary>The collection name for <c>[Collection]</c>.</summary>
    public const string Name = "libtorch's process-wide seed";
}
