using Pipeline.Inference.Images;

namespace Pipeline.Cli.Families.Capabilities;

// The verbs a family can offer that take more than the verb's context, one small interface each (the verbs that only
// draw one picture are PictureVerb, named by their verb).

/// <summary>
/// One verb as one family implements it. Each verb has its own small interface deriving from this one (for example
/// <see cref="ISample"/>) that names the verb and the call the verb makes.
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

/// <summary>What <c>translate</c> was asked: the images, where to write them, how to fit other sizes and whether bad inputs are skipped.</summary>
/// <param name="Input">An image file or a folder of them.</param>
/// <param name="OutputFolder">Where the translated images go, under their sources' names as PNG.</param>
/// <param name="Resize">How an image of another size than the model's is fitted to it; null refuses such images.</param>
/// <param name="SkipBad">Translate the good images when some cannot be (the run then still fails, listing them).</param>
internal sealed record TranslateRequest(string Input, string OutputFolder, ImageFit? Resize, bool SkipBad);

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
