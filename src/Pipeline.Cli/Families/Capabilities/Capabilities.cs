using Pipeline.Cli.Families.Exported;

namespace Pipeline.Cli.Families.Capabilities;

// The verbs a family can offer that take more than the verb's context, one small interface each (the verbs that only
// draw one picture are PictureVerb, named by their verb).

/// <summary><c>sample</c>: Draws new images from the model and writes them (PNG grid, or the family's other formats).</summary>
internal interface ISample : ICapability
{
    string ICapability.Verb => "sample";

    void Sample(VerbContext context, int count);
}

/// <summary><c>evaluate</c>: Measures the trained model on held-out data and writes evaluation.json.</summary>
internal interface IEvaluate : ICapability
{
    string ICapability.Verb => "evaluate";

    /// <summary>What it measures, for <c>evaluate --help</c>, e.g. "test -ELBO and importance-weighted -log p(x)".</summary>
    string Measures { get; }

    void Evaluate(VerbContext context);
}

/// <summary><c>reconstruct</c>: encodes test images and decodes them, originals beside reconstructions.</summary>
internal interface IReconstruct : ICapability
{
    string ICapability.Verb => "reconstruct";

    void Reconstruct(VerbContext context, int images);
}

/// <summary><c>export</c>: Writes verified ONNX files and a model card into a folder.</summary>
internal interface IExport : ICapability
{
    string ICapability.Verb => "export";

    void Export(VerbContext context, string folder, int opset);
}

/// <summary><c>extract-codes</c>: encodes the run's whole dataset to its discrete codes once, the input of the prior stage.</summary>
internal interface IExtractCodes : ICapability
{
    string ICapability.Verb => "extract-codes";

    void ExtractCodes(VerbContext context, string folder);
}

/// <summary><c>translate</c>: runs an image-to-image model over a folder (or one file) of images into an output folder.</summary>
internal interface ITranslate : ICapability
{
    string ICapability.Verb => "translate";

    void Translate(VerbContext context, TranslateRequest request);
}

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
