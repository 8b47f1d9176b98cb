using Pipeline.Cli.Families;

namespace Pipeline.Cli.Commands;

/// <summary><c>sample RUN</c>: new images from a trained run or an exported model.</summary>
internal static class SampleCommand
{
    public static Command Create(FamilyRegistry registry)
    {
        var count = new Setting<int>("--count", "images to generate") { Default = 64, Rule = AtLeast(1) }.ToOption();
        return new FamilyVerb<ISample>(registry, "sample", "Generate images from a trained run or an exported model folder (ML.NET, no TorchSharp).")
            .With(count)
            .Does((sampler, context, r) => sampler.Sample(context, r.GetValue(count)));
    }
}
