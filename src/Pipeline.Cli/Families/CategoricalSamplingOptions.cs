using System.Globalization;
using Pipeline.Application.PixelCnn;
using Pipeline.Onnx.Sampling;
using Pipeline.Training.PixelCnn;

namespace Pipeline.Cli.Families;

/// <summary>
/// --temperature, --top-k, --top-p and --guidance of <c>sample</c> for autoregressive models (PixelCNN, VQ-VAE-2 priors), one
/// definition for every family that draws position by position. The verb holds one option per name, so
/// --temperature keeps the VAE's name and type and its description covers both meanings.
/// </summary>
internal sealed class CategoricalSamplingOptions
{
    public Option<double> Temperature { get; } = new Option<double>("--temperature") { Description = "τ: VAE/GAN latent scale; PixelCNN/VQ-VAE-2 softmax temperature (below 1: sharper)", DefaultValueFactory = _ => 1.0 }.Positive();

    public Option<int?> TopK { get; } = new("--top-k") { Description = "PixelCNN/VQ-VAE-2: draw each position from its k most likely levels only" };

    public Option<double?> TopP { get; } = new("--top-p") { Description = "PixelCNN/VQ-VAE-2: draw each position from the smallest set of levels with probability ≥ p (nucleus)" };

    public Option<double> Guidance { get; } = new Option<double>("--guidance")
    {
        Description = "PixelCNN/VQ-VAE-2: classifier-free guidance scale s, logits = uncond + s·(class − uncond); 1: off; above 1 (e.g. 2-3) sharpens the class (needs a model trained with --class-dropout)",
        DefaultValueFactory = _ => 1.0,
    };

    public IEnumerable<Option> All => [Temperature, TopK, TopP, Guidance];

    /// <summary>The settings given, checked (a bad value is a <see cref="CliError"/> naming it).</summary>
    public CategoricalSampling Read(VerbContext context)
    {
        var sampling = new CategoricalSampling(context.Value(Temperature), context.Value(TopK), context.Value(TopP), context.Value(Guidance));
        CliError.Check(sampling.Validate);
        return sampling;
    }

    /// <summary>
    /// Refuses guidance other than 1 of <paramref name="model"/> when it never learned the "no class" label that
    /// guidance subtracts: an option mistake (exit 2) found before any sampling, telling how to get a model that has it.
    /// </summary>
    public static void RefuseGuidance(CategoricalSampling sampling, bool canGuide, string model)
    {
        if (sampling.IsGuided && !canGuide)
        {
            throw new CliError($"--guidance {sampling.Guidance.ToString(CultureInfo.InvariantCulture)}: {model} was trained without class dropout, so it has no \"no class\" label to guide with; leave --guidance at 1, or train with --class-dropout (0.1-0.2) and export that run for a model that supports guidance.");
        }
    }

    /// <summary>
    /// Refuses what <paramref name="nets"/> (a PixelCNN, or VQ-VAE-2's priors, top first) cannot draw, before any sampling:
    /// guidance without the "no class" label (<see cref="RefuseGuidance"/>), and labels the first one does not know.
    /// </summary>
    public static void Refuse(SampleRequest request, string model, params Models.PixelCnn.PixelCnn[] nets)
    {
        RefuseGuidance(request.Sampling, nets.All(n => n.Options.UnconditionalLabel), model);
        CliError.Check(() => PixelCnnSampler.Labels(nets[0], request.Count, request.Labels));
    }
}
