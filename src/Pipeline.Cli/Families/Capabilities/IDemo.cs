namespace Pipeline.Cli.Families.Capabilities;

/// <summary>
/// <c>demo</c>: the family's part of the README's main job (train on Fashion-MNIST, evaluate, draw, export, run in
/// ML.NET), written under <see cref="VerbContext.Path"/>. Returns the exit code (130 when interrupted).
/// </summary>
internal interface IDemo : ICapability
{
    string ICapability.Verb => "demo";

    int Demo(VerbContext context, DemoSettings settings);
}

/// <summary>The demo's shared settings: epochs of each model and optional data limits for a quick look.</summary>
internal sealed record DemoSettings(int Epochs, int? TrainLimit, int? TestLimit);
