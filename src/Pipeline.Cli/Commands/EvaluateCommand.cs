using System.CommandLine;
using Pipeline.Cli.Families;
using Pipeline.Cli.Families.Capabilities;

namespace Pipeline.Cli.Commands;

/// <summary><c>evaluate RUN</c>: the family's held-out measures, written to the run's evaluation.json.</summary>
internal static class EvaluateCommand
{
    public static Command Create(FamilyRegistry registry) =>
        new FamilyVerb<IEvaluate>(registry, "evaluate", "Measure a trained run on held-out data (VAE: test -ELBO and importance-weighted -log p(x); GAN: classifier accuracy and Fréchet distance beside real-data figures).", writesOneFile: false)
            .Does((evaluator, context, _) => evaluator.Evaluate(context));
}
