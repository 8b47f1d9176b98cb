using Pipeline.Training.PixelCnn;
using Pipeline.Training.VqVae2;

namespace Pipeline.Application.VqVae2;

/// <summary>
/// One VQ-VAE-2 prior's part of <see cref="TrainingJob"/>: its run lives inside its autoencoder's (RUN/priors/LEVEL);
/// a new prior extracts the autoencoder's codes once into RUN/codes (or reuses them) and fits its network to them; a
/// resumed prior refuses codes of another autoencoder checkpoint. It trains <see cref="PixelCnnRecipe"/> over <see cref="PriorCodes"/>.
/// </summary>
/// <param name="runPath">the prior's folder, <see cref="VqVae2PriorRunConfig.FolderOf"/> of its autoencoder run and level</param>
/// <param name="device">where the codes are extracted and loaded, the training device</param>
/// <param name="notes">told whether the codes are reused or extracted</param>
public sealed class VqVae2PriorTrainingPlan(string runPath, Device device, IProgress<string>? notes = null)
    : ITrainingPlan<VqVae2PriorRunConfig, PriorTrainingCodes, PixelCnnStepReport, PixelCnnMetrics>
{
    private readonly string _autoencoder = VqVae2PriorRunConfig.AutoencoderOf(runPath);

    /// <inheritdoc />
    public string Kind => VqVae2PriorRunConfig.RunKind;

    /// <inheritdoc />
    public string Name => "VQ-VAE-2 prior";

    /// <inheritdoc />
    public string TrainedWith => "`train vqvae2-prior`";

    /// <summary>Checks that the prior's folder is its level's inside a VQ-VAE-2 run.</summary>
    /// <exception cref="ArgumentException">the folder is not RUN/priors/LEVEL of the config's level.</exception>
    /// <exception cref="InvalidDataException">the run around it is not a VQ-VAE-2 run.</exception>
    public VqVae2PriorRunConfig Prepare(VqVae2PriorRunConfig config)
    {
        RunKinds.Open(_autoencoder, VqVae2RunConfig.RunKind, "`train vqvae2`");
        var expected = VqVae2PriorRunConfig.FolderOf(_autoencoder, config.Level);
        if (Path.GetFullPath(expected) != Path.TrimEndingDirectorySeparator(Path.GetFullPath(runPath)))
        {
            throw new ArgumentException($"the {config.Level} prior of {_autoencoder} lives in {expected}, not {runPath}.", nameof(config));
        }

        return config;
    }

    /// <inheritdoc />
    public PriorTrainingCodes Load(VqVae2PriorRunConfig config)
    {
        if (config.Codes is null)
        {
            VqVae2Codes.Ensure(_autoencoder, device, notes);
        }

        return PriorTrainingCodes.Load(VqVae2CodeSet.FolderOf(_autoencoder), config.Level, config.Codes, runPath, device);
    }

    /// <summary>The network fitted to the codes' grids, codebook and classes; checked before the prior's folder is made.</summary>
    public VqVae2PriorRunConfig Fit(VqVae2PriorRunConfig config, PriorTrainingCodes data)
    {
        var fitted = config.FitTo(data.Stamp);
        fitted.Model.Validate();
        return fitted;
    }

    /// <inheritdoc />
    public IEnumerable<string> Describe(VqVae2PriorRunConfig config, PriorTrainingCodes data)
    {
        var (o, codes) = (config.Model, data.Stamp);
        yield return $"{config.Level} prior: {o.Height}x{o.Width} grids of {o.Levels} codes{(o.IsSpatiallyConditioned ? $" given the {o.ConditionHeight}x{o.ConditionWidth} top codes" : "")}, {o.ClassCount} classes; {o.Layers} gated layers of {o.Channels} channels; codes of autoencoder step {codes.AutoencoderStep} ({codes.TrainImages} training, {codes.TestImages} test grids)";
    }

    /// <inheritdoc />
    public ITrainingRecipe<PixelCnnStepReport, PixelCnnMetrics> CreateRecipe(VqVae2PriorRunConfig config, PriorTrainingCodes data, Device device) =>
        new PixelCnnRecipe(config.Model, config.Training, data.Train, data.Test, device, VqVae2PriorRunConfig.RunKind);
}
