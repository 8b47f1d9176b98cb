using Pipeline.Cli.Families;
using Pipeline.Inference.Images;
using Pipeline.Onnx;

namespace Pipeline.Cli.Commands;

/// <summary>
/// The verbs on a run or an exported model, each a <see cref="FamilyVerb{TCapability}"/> over its capability with the
/// settings every family of the verb reads; descriptions built from the registry name a new family without an edit here.
/// </summary>
internal static class FamilyVerbs
{
    private static readonly Setting<int> Count = new("--count", "images to generate") { Default = 64, Rule = AtLeast(1) };
    private static readonly Setting<int> Images = new("--images", "test images") { Default = 32, Rule = AtLeast(1) };
    private static readonly Setting<string> ExportFolder = new("--out", "folder for the ONNX files (e.g. onnx/vae-lecture)") { Required = true };
    private static readonly Setting<int> Opset = new("--opset", $"ONNX opset ({OnnxVersions.MinOpset}..{OnnxVersions.MaxOpset}); 17 is what Debian's ONNX checker, TensorRT and OpenVINO all accept")
    {
        Default = OnnxVersions.DefaultOpset, Rule = Within(OnnxVersions.MinOpset, OnnxVersions.MaxOpset),
    };

    private static readonly Setting<string?> CodesFolder = new("--out", "folder for the code files (default: the run's codes/)");
    private static readonly Setting<string> Input = new("--input", "a PNG/JPEG image or a folder of them") { Required = true };
    private static readonly Setting<string> TranslatedFolder = new("--out", "folder for the translated images (the sources' file names, as PNG)") { Required = true };
    private static readonly Setting<string?> Resize = new("--resize", "images of another size than the model's: stretch (aspect not kept), pad (fit inside, black bars) or crop (centre cut to the model's aspect, then scaled); default: refuse them")
    {
        Choices = [.. Enum.GetNames<ImageFit>().Select(n => n.ToLowerInvariant())], ChoicesIgnoreCase = true,
    };

    private static readonly Setting<bool> SkipBad = new("--skip-bad", "translate the images that can be when some cannot (truncated, not an image, wrong size), list those skipped and exit 1; default: refuse the run and write nothing");

    /// <summary><c>train KIND</c>: one subcommand per registered family's training (e.g. vae, gan, cgan).</summary>
    public static Command Train(FamilyRegistry registry)
    {
        var train = new Command("train", "Train a model; each run writes config, metrics, checkpoints and plots into its own folder.");
        foreach (var subcommand in registry.Families.SelectMany(f => f.TrainCommands))
        {
            train.Subcommands.Add(subcommand);
        }

        return train;
    }

    /// <summary><c>evaluate RUN</c>: the family's held-out measures, written to the run's evaluation.json.</summary>
    public static Command Evaluate(FamilyRegistry registry) =>
        new FamilyVerb<IEvaluate>(registry, "evaluate",
                $"Measure a trained run on held-out data and write evaluation.json ({string.Join("; ", registry.Offering<IEvaluate>().Select(o => $"{o.Family.Kind}: {o.Capability.Measures}"))}).",
                writesOneFile: false)
            .Does((evaluator, context) => evaluator.Evaluate(context));

    /// <summary><c>sample RUN</c>: new images from a trained run or an exported model.</summary>
    public static Command Sample(FamilyRegistry registry) =>
        new FamilyVerb<ISample>(registry, "sample", "Generate images from a trained run or an exported model folder (ML.NET, no TorchSharp).")
            .With(Count)
            .Does((sampler, context) => sampler.Sample(context, context.Get(Count)));

    /// <summary><c>reconstruct RUN</c>: test images next to their reconstructions.</summary>
    public static Command Reconstruct(FamilyRegistry registry) =>
        new FamilyVerb<IReconstruct>(registry, "reconstruct", "Encode test images and decode them: originals and reconstructions in alternating rows.")
            .With(Images)
            .Does((reconstructor, context) => reconstructor.Reconstruct(context, context.Get(Images)));

    /// <summary>A verb whose families each draw one picture (<see cref="PictureVerb"/>), e.g. <c>traverse RUN</c>.</summary>
    public static Command Picture(FamilyRegistry registry, string verb, string description) =>
        new FamilyVerb<PictureVerb>(registry, verb, description).Does((capability, context) => capability.Draw(context));

    /// <summary><c>translate MODEL --input DIR --out DIR</c>: image-to-image translation of a folder of images.</summary>
    public static Command Translate(FamilyRegistry registry) =>
        new FamilyVerb<ITranslate>(registry, "translate", "Translate images with an exported translator (CycleGAN, pix2pix, super-resolution) through ML.NET. Every input is decoded before anything is written.", writesOneFile: false)
            .With(Input, TranslatedFolder, Resize, SkipBad)
            .Does((translator, context) => translator.Translate(context, new TranslateRequest(
                context.Get(Input), context.Get(TranslatedFolder), context.Get(Resize) is { } fit ? Enum.Parse<ImageFit>(fit, ignoreCase: true) : null, context.Get(SkipBad))));

    /// <summary><c>export RUN --out onnx/NAME</c>: verified ONNX files, the plain ML.NET zip and a model card.</summary>
    public static Command Export(FamilyRegistry registry) =>
        new FamilyVerb<IExport>(registry, "export", "Export a trained run to ONNX, verified against TorchSharp, with a model card and a zip for plain ML.NET apps.", writesOneFile: false)
            .With(ExportFolder, Opset)
            .Does((exporter, context) => exporter.Export(context, context.Get(ExportFolder), context.Get(Opset)));

    /// <summary><c>extract-codes RUN</c>: the discrete codes of every training and test image, for training priors over them.</summary>
    public static Command ExtractCodes(FamilyRegistry registry) =>
        new FamilyVerb<IExtractCodes>(registry, "extract-codes", "Encode the run's training and test images to their discrete codes (IDX int32 grids) and labels (IDX ubyte), the input of the prior stage.", writesOneFile: false)
            .With(CodesFolder)
            .Does((extractor, context) => extractor.ExtractCodes(context, context.Get(CodesFolder) ?? Path.Combine(context.Path, "codes")));

    /// <summary>
    /// <c>demo</c>, the README's main job: every registered family's demo part in registration order, each writing its
    /// runs, pictures and exports under --out.
    /// </summary>
    public static Command Demo(FamilyRegistry registry)
    {
        var parts = registry.Offering<IDemo>().ToArray();
        var command = new Command("demo", $"The main job: train, evaluate, draw and export each family's demo model on Fashion-MNIST and run it in ML.NET ({string.Join(", ", parts.Select(p => p.Family.Kind))}).");
        var output = new Setting<string>("--out", "folder for the runs and their exports") { Default = Path.Combine("runs", "main") }.ToOption();
        var epochs = new Setting<int>("--epochs", "epochs of each model") { Default = 10, Rule = AtLeast(1) }.ToOption();
        var trainLimit = new Setting<int?>("--train-limit", "use only the first N training images (quick look)").ToOption();
        var testLimit = new Setting<int?>("--test-limit", "use only the first N test images (quick look)").ToOption();
        command.AddOptions(RuntimeSettings.All.ToOptions());
        command.AddOptions(output, epochs, trainLimit, testLimit);
        FamilyVerb<IDemo>.AddFamilyOptions(registry, command);
        command.SetAction(r => Terminal.Guard(() =>
        {
            var settings = new DemoSettings(r.GetValue(epochs), r.GetValue(trainLimit), r.GetValue(testLimit));
            using var ctrlC = new CtrlC();
            var context = new VerbContext(r.GetValue(output)!, r, null, ctrlC.Token);
            foreach (var (_, part) in parts)
            {
                var code = part.Demo(context, settings);
                if (code != 0)
                {
                    return code;
                }
            }

            return 0;
        }));
        return command;
    }
}
