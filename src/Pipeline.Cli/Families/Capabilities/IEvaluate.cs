namespace Pipeline.Cli.Families.Capabilities;

/// <summary><c>evaluate</c>: Measures the trained model on held-out data and writes evaluation.json.</summary>
internal interface IEvaluate : ICapability
{
    string ICapability.Verb => "evaluate";

    void Evaluate(VerbContext context);
}
