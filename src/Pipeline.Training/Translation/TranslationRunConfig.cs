using System.Text.Json.Serialization;
using Pipeline.Data.Translation;
using Pipeline.Models.Translation;

namespace Pipeline.Training.Translation;

/// <summary>The three translation recipes of one run kind.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TranslationRecipeKind>))]
public enum TranslationRecipeKind
{
    /// <summary>Unpaired A ↔ B (Zhu et al. 2017).</summary>
    CycleGan,

    /// <summary>Paired A → B with a U-Net and a conditional PatchGAN (Isola et al. 2017).</summary>
    Pix2Pix,

    /// <summary>Low → high resolution (SRGAN, Ledig et al. 2017, small).</summary>
    SuperResolution,
}

/// <summary>
/// Everything needed to rebuild, resume, evaluate or export a translation run: written as the run's config.json.
/// Exactly one of <see cref="CycleGan"/>, <see cref="Pix2Pix"/> and <see cref="SuperResolution"/> is set, the one
/// <see cref="Recipe"/> names.
/// </summary>
/// <param name="Recipe">Which recipe trains.</param>
/// <param name="Data">The two domains.</param>
/// <param name="Training">Steps, batch, Adam, objective, seed.</param>
/// <param name="CycleGan">CycleGAN's networks and weights.</param>
/// <param name="Pix2Pix">pix2pix's networks and weights.</param>
/// <param name="SuperResolution">Super-resolution's networks and losses.</param>
/// <param name="Augmentation">Random crop and flip of training batches; none when null.</param>
/// <param name="LogEverySteps">Steps per metrics.jsonl line.</param>
/// <param name="SampleEverySteps">Steps between panels in images/.</param>
/// <param name="CheckpointEverySteps">Steps between checkpoints.</param>
/// <param name="ClassifierPath">The classifier folder of super-resolution's classifier-feature content loss.</param>
/// <param name="Device">The device it was trained on.</param>
/// <param name="Threads">libtorch threads it was trained with (0: one per core).</param>
public sealed record TranslationRunConfig(
    TranslationRecipeKind Recipe,
    TranslationData Data,
    TranslationTrainingOptions Training,
    CycleGanOptions? CycleGan = null,
    Pix2PixOptions? Pix2Pix = null,
    SuperResolutionOptions? SuperResolution = null,
    TranslationAugmentation? Augmentation = null,
    int LogEverySteps = TranslationRunConfig.DefaultLogEverySteps,
    int SampleEverySteps = TranslationRunConfig.DefaultSampleEverySteps,
    int CheckpointEverySteps = TranslationRunConfig.DefaultCheckpointEverySteps,
    string? ClassifierPath = null,
    string Device = "cpu",
    int Threads = 0)
{
    /// <summary>The run and checkpoint kind of translation runs (<see cref="Recipe"/> says which).</summary>
    public const string RunKind = "translation";

    /// <summary>Steps per metrics line unless told otherwise.</summary>
    public const int DefaultLogEverySteps = 50;

    /// <summary>Steps between panels unless told otherwise.</summary>
    public const int DefaultSampleEverySteps = 500;

    /// <summary>Steps between checkpoints unless told otherwise.</summary>
    public const int DefaultCheckpointEverySteps = 500;

    /// <summary>Written to config.json so that commands find the family.</summary>
    public string Kind => RunKind;

    /// <summary>Channels of domain A (the input).</summary>
    [JsonIgnore]
    public int InputChannels => Recipe switch
    {
        TranslationRecipeKind.CycleGan => CycleGan!.Channels,
        TranslationRecipeKind.Pix2Pix => Pix2Pix!.InputChannels,
        _ => SuperResolution!.Channels,
    };

    /// <summary>Channels of domain B (the output).</summary>
    [JsonIgnore]
    public int OutputChannels => Recipe switch
    {
        TranslationRecipeKind.CycleGan => CycleGan!.Channels,
        TranslationRecipeKind.Pix2Pix => Pix2Pix!.OutputChannels,
        _ => SuperResolution!.Channels,
    };

    /// <summary>Output side over input side (the super-resolution factor, else 1).</summary>
    [JsonIgnore]
    public int Scale => Recipe == TranslationRecipeKind.SuperResolution ? SuperResolution!.Factor : 1;

    /// <summary>What the two domains are called, e.g. ("sneaker", "ankle boot").</summary>
    [JsonIgnore]
    public (string A, string B) DomainNames => Data.Kind switch
    {
        TranslationDataKind.FashionEdges => ("edges", "item"),
        TranslationDataKind.FashionSneakerBoot => ("sneaker", "ankle boot"),
        TranslationDataKind.FashionSuperResolution => ($"{28 / Data.Factor}x{28 / Data.Factor}", "28x28"),
        TranslationDataKind.SuperResolutionFolders => ($"{Data.ImageSize / Data.Factor}x{Data.ImageSize / Data.Factor}", $"{Data.ImageSize}x{Data.ImageSize}"),
        _ => ("A", "B"),
    };

    /// <summary>Throws when the options do not describe one runnable recipe.</summary>
    public TranslationRunConfig Validate()
    {
        ValidateNetworks();
        Training.Validate();
        var set = (CycleGan is null ? 0 : 1) + (Pix2Pix is null ? 0 : 1) + (SuperResolution is null ? 0 : 1);
        var expected = Recipe switch
        {
            TranslationRecipeKind.CycleGan => CycleGan is not null,
            TranslationRecipeKind.Pix2Pix => Pix2Pix is not null,
            _ => SuperResolution is not null,
        };
        if (set != 1 || !expected)
        {
            throw new ArgumentException($"A {Recipe} run needs its own options and no other recipe's.");
        }

        if (LogEverySteps < 1 || SampleEverySteps < 1 || CheckpointEverySteps < 1)
        {
            throw new ArgumentException($"Expected log, sample and checkpoint cadences ≥ 1, found {LogEverySteps}, {SampleEverySteps}, {CheckpointEverySteps}.");
        }

        if (Recipe != TranslationRecipeKind.CycleGan && !Data.IsPaired)
        {
            throw new ArgumentException($"{Recipe} learns from pairs; {Data.Describe()} is unpaired (train cyclegan on it).");
        }

        return this;
    }

    // Each recipe's networks against the data: test images are translated whole, so a generator's size multiple must
    // divide them as well as the training crop; the classifier-feature loss reads grey 28x28 Fashion-MNIST images.
    private void ValidateNetworks()
    {
        if (CycleGan is { } cycle)
        {
            RequireMultiple("CycleGAN's ResNet generator", 4, cycle.ImageSize);
        }

        if (Pix2Pix is { } pix2pix)
        {
            var multiple = 1 << UNetGenerator.DepthFor(pix2pix.ImageSize);
            if (multiple < 4)
            {
                throw new ArgumentException($"the U-Net halves the image as often as its size stays even; {pix2pix.ImageSize}x{pix2pix.ImageSize} halves fewer than twice: choose a size divisible by 4 (e.g. 32).");
            }

            RequireMultiple("The U-Net", multiple, pix2pix.ImageSize);
        }

        if (ClassifierPath is not null && SuperResolution?.Content != ContentLoss.ClassifierFeatures)
        {
            throw new ArgumentException("--classifier is the judge of --content ClassifierFeatures; the other content losses take none.");
        }

        if (SuperResolution?.Content == ContentLoss.ClassifierFeatures && (Data.Channels, Data.ImageSize) != (1, 28))
        {
            throw new ArgumentException($"--content ClassifierFeatures reads the targets with the project's Fashion-MNIST classifier, which takes grey 28x28 images; these are {Data.Channels}x{Data.ImageSize}x{Data.ImageSize}. Use --content Mse or L1.");
        }
    }

    private void RequireMultiple(string network, int multiple, int trainSize)
    {
        foreach (var size in new[] { trainSize, Data.ImageSize }.Distinct())
        {
            if (size % multiple != 0)
            {
                throw new ArgumentException($"{network} halves the image to a multiple of {multiple}; {size}x{size} images do not divide: choose --image-size/--crop as multiples of {multiple}.");
            }
        }
    }
}
