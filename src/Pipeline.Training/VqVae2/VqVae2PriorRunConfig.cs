using Pipeline.Models.PixelCnn;
using Pipeline.Training.PixelCnn;

namespace Pipeline.Training.VqVae2;

/// <summary>
/// One prior's run (RUN/priors/top or RUN/priors/bottom inside its autoencoder's run): written as its config.json.
/// </summary>
/// <param name="Level">"top" or "bottom" (<see cref="VqVae2PriorLevel"/>).</param>
/// <param name="Model">The gated PixelCNN over the level's code grid.</param>
/// <param name="Training">Maximum-likelihood training, as for the PixelCNN over pixels.</param>
/// <param name="Codes">
/// The extracted codes it trains on; resuming refuses codes of another autoencoder checkpoint. Null in the request for a
/// new prior, whose <paramref name="Model"/> then gives only the network's width and depth: <see cref="FitTo"/> completes both.
/// </param>
/// <param name="Device">--device it was trained on.</param>
/// <param name="Threads">--threads it was trained with.</param>
public sealed record VqVae2PriorRunConfig(string Level, PixelCnnOptions Model, PixelCnnTrainingOptions Training, VqVae2CodeStamp? Codes, string Device = "cpu", int Threads = 0)
{
    /// <summary>The run and checkpoint kind of prior runs.</summary>
    public const string RunKind = "vqvae2-prior";

    /// <summary>Written to config.json so that commands tell the kind (<see cref="RunKinds"/>).</summary>
    public string Kind => RunKind;

    /// <summary>The prior folder of <paramref name="level"/> inside the autoencoder run <paramref name="runPath"/>.</summary>
    public static string FolderOf(string runPath, string level) => Path.Combine(runPath, "priors", VqVae2PriorLevel.Check(level));

    /// <summary>The autoencoder run a prior's folder (<see cref="FolderOf"/>) lies in.</summary>
    public static string AutoencoderOf(string priorPath) =>
        Path.GetDirectoryName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(priorPath))))!;

    /// <summary>A new prior's config for the codes it trains on: the network fitted to their grids, codebook and classes, and their stamp recorded.</summary>
    public VqVae2PriorRunConfig FitTo(VqVae2CodeStamp codes) => this with { Model = Network(Level, codes, Model, Training), Codes = codes };

    /// <summary>
    /// The prior's network for codes of <paramref name="codes"/>: the top prior class-conditional over the top grid;
    /// the bottom prior over the bottom grid, conditioned on the top codes (upsampled inside the net) and the class.
    /// Width and depth from <paramref name="shape"/>; with the "no class" label when <paramref name="training"/> drops classes.
    /// </summary>
    public static PixelCnnOptions Network(string level, VqVae2CodeStamp codes, PixelCnnOptions shape, PixelCnnTrainingOptions training)
    {
        var prior = VqVae2PriorLevel.Check(level) == VqVae2PriorLevel.Top
            ? PixelCnnOptions.CodePrior(codes.CodebookSize, codes.TopGrid, codes.TopGrid, codes.ClassCount)
            : PixelCnnOptions.ConditionedCodePrior(codes.CodebookSize, codes.BottomGrid, codes.BottomGrid, codes.CodebookSize, codes.TopGrid, codes.TopGrid, codes.ClassCount);
        return prior with
        {
            Channels = shape.Channels,
            Layers = shape.Layers,
            OutputChannels = shape.OutputChannels,
            InputEmbeddingSize = shape.InputEmbeddingSize,
            ConditionEmbeddingSize = shape.ConditionEmbeddingSize,
            UnconditionalLabel = training.ClassDropout > 0 && codes.ClassCount > 0,
        };
    }
}
