using System.Globalization;
using Pipeline.Application.PixelCnn;
using Pipeline.Onnx.Sampling;
using Pipeline.Training.PixelCnn;

namespace Pipeline.Cli.Families;

/// <summary>
/// What an autoregressive model (a PixelCNN, VQ-VAE-2's priors) cannot draw, refused as an option mistake (exit 2)
/// before any sampling, telling how to get a model that can.
/// </summary>
internal static class CategoricalSamplingRefusals
{
    /// <summary>Refuses guidance other than 1 of <paramref name="model"/> when it never learned the "no class" label that guidance subtracts.</summary>
    public static void RefuseGuidance(CategoricalSampling sampling, bool canGuide, string model)
    {
        if (sampling.IsGuided && !canGuide)
        {
            throw new CliError($"--guidance {sampling.Guidance.ToString(CultureInfo.InvariantCulture)}: {model} was trained without class dropout, so it has no \"no class\" label to guide with; leave --guidance at 1, or train with --class-dropout (0.1-0.2) and export that run for a model that supports guidance.");
        }
    }

    /// <summary>Refuses what <paramref name="nets"/> (a PixelCNN, or VQ-VAE-2's priors, top first) cannot draw: guidance without the "no class" label, and labels the first does not know.</summary>
    public static void Refuse(SampleRequest request, string model, params Models.PixelCnn.PixelCnn[] nets)
    {
        RefuseGuidance(request.Sampling, nets.All(n => n.Options.UnconditionalLabel), model);
        CliError.Check(() => PixelCnnSampler.Labels(nets[0], request.Count, request.Labels));
    }
}
