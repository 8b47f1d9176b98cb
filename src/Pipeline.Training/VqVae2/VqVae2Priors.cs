namespace Pipeline.Training.VqVae2;

/// <summary>Both trained priors of a VQ-VAE-2 run (RUN/priors/top and RUN/priors/bottom), for sampling, evaluation and export.</summary>
public sealed class VqVae2Priors : IDisposable
{
    private VqVae2Priors(TrainedVqVae2Prior top, TrainedVqVae2Prior bottom)
    {
        Top = top;
        Bottom = bottom;
    }

    /// <summary>The class-conditional prior over the top codes.</summary>
    public TrainedVqVae2Prior Top { get; }

    /// <summary>The prior over the bottom codes given the top codes and the class.</summary>
    public TrainedVqVae2Prior Bottom { get; }

    /// <summary>True when both priors of <paramref name="autoencoderRun"/> are trained.</summary>
    public static bool Exist(string autoencoderRun) => VqVae2PriorLevel.All.All(level => TrainedVqVae2Prior.Exists(autoencoderRun, level));

    /// <summary>
    /// Loads both priors of <paramref name="autoencoder"/>'s run. A missing one is a <see cref="FileNotFoundException"/>
    /// naming its folder and the command that trains it; a prior trained on the codes of another checkpoint (the
    /// autoencoder trained on or resumed since) is an <see cref="InvalidDataException"/>: its codes would no longer
    /// decode to what it learned.
    /// </summary>
    public static VqVae2Priors Load(TrainedVqVae2 autoencoder, Device device)
    {
        var top = TrainedVqVae2Prior.Load(autoencoder.Run.Path, VqVae2PriorLevel.Top, device);
        try
        {
            RequireCodesOf(autoencoder, top);
            var bottom = TrainedVqVae2Prior.Load(autoencoder.Run.Path, VqVae2PriorLevel.Bottom, device);
            try
            {
                RequireCodesOf(autoencoder, bottom);
                return new VqVae2Priors(top, bottom);
            }
            catch
            {
                bottom.Dispose();
                throw;
            }
        }
        catch
        {
            top.Dispose();
            throw;
        }
    }

    private static void RequireCodesOf(TrainedVqVae2 autoencoder, TrainedVqVae2Prior prior)
    {
        var codes = prior.Codes;
        var o = autoencoder.Config.Model;
        if (codes.AutoencoderStep != autoencoder.Step || codes.TopGrid != o.TopGrid || codes.BottomGrid != o.BottomGrid || codes.CodebookSize != o.CodebookSize)
        {
            throw new InvalidDataException(
                $"{prior.Run.Path} was trained on the codes of the autoencoder at step {codes.AutoencoderStep} ({codes.TopGrid}x{codes.TopGrid} + {codes.BottomGrid}x{codes.BottomGrid}, K = {codes.CodebookSize}), " +
                $"but {autoencoder.Run.Path} is now at step {autoencoder.Step} ({o.TopGrid}x{o.TopGrid} + {o.BottomGrid}x{o.BottomGrid}, K = {o.CodebookSize}): " +
                $"train the prior again (`pipeline train vqvae2-prior --autoencoder {autoencoder.Run.Path} --level {prior.Config.Level}`).");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Top.Dispose();
        Bottom.Dispose();
    }
}
