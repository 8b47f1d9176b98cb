namespace Pipeline.Cli.Families;

/// <summary>
/// One verb as one family implements it. Each verb has its own small interface deriving from this one (for example
/// <see cref="Capabilities.ISample"/>) that names the verb and the call the verb makes.
/// </summary>
internal interface ICapability
{
    /// <summary>The verb's name on the command line, e.g. "sample".</summary>
    string Verb { get; }

    /// <summary>
    /// Options of this verb that only this family reads. The verb's command carries the union over all families (one
    /// option per name); given to a run of another family, they are refused by name.
    /// </summary>
    IReadOnlyList<Option> Options => [];
}
