using Pipeline.Models.PixelCnn;
using Pipeline.Training.VqVae2;

namespace Pipeline.Cli.Families.VqVae2;

/// <summary>The options of <c>train vqvae2-prior</c>: which run and level, the PixelCNN's size and its maximum-likelihood training.</summary>
internal sealed class VqVae2PriorTrainSettings
{
    private static readonly PixelCnnOptions Shape = PixelCnnOptions.CodePrior(2, 1, 1, 0);

    private readonly Option<string> _autoencoder = new("--autoencoder") { Description = "the trained VQ-VAE-2 run (`train vqvae2`); codes go to RUN/codes, the prior to RUN/priors/LEVEL", Required = true };
    private readonly Option<string> _level = new Option<string>("--level") { Description = "top (class-conditional prior over the top codes) or bottom (given the top codes and the class)", Required = true }
        .AcceptOnlyFromAmong([.. VqVae2PriorLevel.All]);
    private readonly PixelCnnNetworkOptions _network = new(Shape, "K", "steps per metrics.jsonl line with the test bits per code (0: every epoch)", "passes over the training codes");

    /// <summary>Every option of this training command.</summary>
    public IEnumerable<Option> All => [_autoencoder, _level, .. _network.All];

    /// <summary>The prior's run folder, fixed by --autoencoder and --level.</summary>
    public RunPlace Place => new(r => VqVae2PriorRunConfig.FolderOf(r.GetValue(_autoencoder)!, r.GetValue(_level)!), r => $"--autoencoder {r.GetValue(_autoencoder)} --level {r.GetValue(_level)}");

    /// <summary>A new prior's config: the network's width and depth and the training options (grids and codebook come from the codes); throws <see cref="CliError"/> on a bad value.</summary>
    public VqVae2PriorRunConfig ToConfig(ParseResult r, int seed, string device, int threads)
    {
        var (shape, training) = (_network.Shape(r, Shape), _network.Training(r, seed));
        CliError.Check(shape.Validate, training.Validate);
        return new VqVae2PriorRunConfig(r.GetValue(_level)!, shape, training, Codes: null, device, threads);
    }
}
