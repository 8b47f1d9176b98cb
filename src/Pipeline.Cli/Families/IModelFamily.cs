namespace Pipeline.Cli.Families;

/// <summary>
/// A model family as the CLI sees it: the run kind it writes, its <c>train</c> subcommands, and the verbs it offers
/// as <see cref="ICapability"/> objects. Verbs never name a family; they ask <see cref="FamilyRegistry"/> for a capability.
/// </summary>
internal interface IModelFamily
{
    /// <summary>The <c>kind</c> its run folders carry in config.json, e.g. "vae"; unique in a registry.</summary>
    string Kind { get; }

    /// <summary>One line for listings and errors, e.g. "variational autoencoder".</summary>
    string Description { get; }

    /// <summary>Its subcommands of <c>train</c> (none for families that only read exported models).</summary>
    IReadOnlyList<Command> TrainCommands { get; }

    /// <summary>The verbs it offers, one object per capability interface.</summary>
    IReadOnlyList<ICapability> Capabilities { get; }

    /// <summary>
    /// True when <paramref name="path"/> is this family's although it is not a run folder (no config.json), e.g. a
    /// folder of exported ONNX models. Run folders are matched by <see cref="Kind"/> instead.
    /// </summary>
    bool Recognises(string path) => false;
}

/// <summary>A family as values: its kind, description, train subcommands and verbs (what every family here is, built by its Create()).</summary>
internal sealed record ModelFamily(string Kind, string Description, IReadOnlyList<Command> TrainCommands, IReadOnlyList<ICapability> Capabilities) : IModelFamily
{
    /// <summary>For a family of files that are not run folders: whether a path is one of them.</summary>
    public Func<string, bool>? Recognised { get; init; }

    bool IModelFamily.Recognises(string path) => Recognised?.Invoke(path) ?? false;
}
