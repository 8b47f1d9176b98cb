using Pipeline.Cli.Families;

namespace Pipeline.Cli.Commands;

/// <summary><c>evaluate RUN</c>: the family's held-out measures, written to the run's evaluation.json.</summary>
internal static class EvaluateCommand
{
    // The description is built from the registry, so a new family's evaluation appears in --help without an edit here.
    public static Command Create(FamilyRegistry registry) =>
        new FamilyVerb<IEvaluate>(registry, "evaluate",
                $"Measure a trained run on held-out data and write evaluation.json ({string.Join("; ", registry.Offering<IEvaluate>().Select(o => $"{o.Family.Kind}: {o.Capability.Measures}"))}).",
                writesOneFile: false)
            .Does((evaluator, context, _) => evaluator.Evaluate(context));
}
