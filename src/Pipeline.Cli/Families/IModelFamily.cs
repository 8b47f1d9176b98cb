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
