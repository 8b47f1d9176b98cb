namespace Pipeline.Cli.Families.Capabilities;

/// <summary><c>evaluate</c>: Measures the trained model on held-out data and writes evaluation.json.</summary>
internal interface IEvaluate : ICapability
{
    string ICapability.Verb => "evaluate";

    /// <summary>What it measures, for <c>evaluate --help</c>, e.g. "test -ELBO and importance-weighted -log p(x)".</summary>
    string Measures { get; }

    void Evaluate(VerbContext context);
}
