using System.Globalization;
using Pipeline.Application.PixelCnn;
using Pipeline.Onnx.Sampling;
using Pipeline.Training.PixelCnn;
using static Pipeline.Application.Settings.SettingRules;

namespace Pipeline.Application.Settings;

/// <summary>
/// Settings of <c>sample</c> that several families share with one meaning: --labels, --format, and the categorical
/// sampling of autoregressive models (PixelCNN, VQ-VAE-2 priors). --temperature keeps the VAE's name and type, so
/// its description covers both meanings.
/// </summary>
public static class SampleSettings
{
    private static readonly RecordSettings<CategoricalSampling> Categorical = new(new());

    /// <summary>--labels: class labels to generate, cycled.</summary>
    public static Setting<int[]> Labels { get; } = new("--labels", "class-conditional models: class labels to generate, cycled (default: every class in turn, one grid row per class)");

    /// <summary>--format png|idx|both.</summary>
    public static Setting<string> Format { get; } = new("--format", "png (a grid), idx (images and their requested labels as IDX files, for outside tools) or both")
    {
        Default = "png", Choices = ["png", "idx", "both"], ChoicesIgnoreCase = true,
    };

    /// <summary>--temperature of autoregressive models (and of the VAE's and GAN's latents).</summary>
    public static Setting<double> Temperature { get; } = Categorical.Set("--temperature", o => o.Temperature, "τ: VAE/GAN latent scale; PixelCNN/VQ-VAE-2 softmax temperature (below 1: sharper)", Positive);

    /// <summary>--top-k.</summary>
    public static Setting<int?> TopK { get; } = Categorical.Set("--top-k", o => o.TopK, "PixelCNN/VQ-VAE-2: draw each position from its k most likely levels only");

    /// <summary>--top-p.</summary>
    public static Setting<double?> TopP { get; } = Categorical.Set("--top-p", o => o.TopP, "PixelCNN/VQ-VAE-2: draw each position from the smallest set of levels with probability ≥ p (nucleus)");

    /// <summary>--guidance.</summary>
    public static Setting<double> Guidance { get; } = Categorical.Set("--guidance", o => o.Guidance,
        "PixelCNN/VQ-VAE-2: classifier-free guidance scale s, logits = uncond + s·(class − uncond); 1: off; above 1 (e.g. 2-3) sharpens the class (needs a model trained with --class-dropout)");

    /// <summary>The four categorical sampling settings.</summary>
    public static IReadOnlyList<Setting> Sampling { get; } = [Temperature, TopK, TopP, Guidance];

    /// <summary>What <c>sample</c> reads wherever an autoregressive model can be behind the path: the sampling settings, --labels and --format.</summary>
    public static IReadOnlyList<Setting> Autoregressive { get; } = [.. Sampling, Labels, Format];

    /// <summary>The categorical sampling given, checked (<see cref="ArgumentException"/> names the bad value).</summary>
    public static CategoricalSampling ReadSampling(ISettingValues v)
    {
        var sampling = Categorical.Apply(v);
        sampling.Validate();
        return sampling;
    }

    /// <summary>Whether a PNG grid and whether IDX files are asked for.</summary>
    public static (bool Png, bool Idx) Formats(ISettingValues v) =>
        (!v.Get(Format).Equals("idx", StringComparison.OrdinalIgnoreCase), !v.Get(Format).Equals("png", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Refuses guidance other than 1 of <paramref name="model"/> when it never learned the "no class" label that
    /// guidance subtracts, telling how to get a model that has it.
    /// </summary>
    public static void RefuseGuidance(CategoricalSampling sampling, bool canGuide, string model)
    {
        if (sampling.IsGuided && !canGuide)
        {
            throw new ArgumentException($"--guidance {sampling.Guidance.ToString(CultureInfo.InvariantCulture)}: {model} was trained without class dropout, so it has no \"no class\" label to guide with; leave --guidance at 1, or train with --class-dropout (0.1-0.2) and export that run for a model that supports guidance.");
        }
    }

    /// <summary>
    /// Refuses what <paramref name="nets"/> (a PixelCNN, or VQ-VAE-2's priors, top first) cannot draw before any
    /// sampling: guidance without the "no class" label, and labels the first one does not know.
    /// </summary>
    public static void Refuse(SampleRequest request, string model, params Models.PixelCnn.PixelCnn[] nets)
    {
        RefuseGuidance(request.Sampling, nets.All(n => n.Options.UnconditionalLabel), model);
        PixelCnnSampler.Labels(nets[0], request.Count, request.Labels);
    }

    /// <summary>--classifier of the verbs that judge samples with the project's classifier.</summary>
    public static Setting<string?> JudgingClassifier(string description = "folder of the judging classifier, trained there once if absent (default: classifier/ beside the run)") =>
        new("--classifier", description);
}
