using static TorchSharp.torch;

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

    /// <summary>Loads both; a missing one is a <see cref="FileNotFoundException"/> naming its folder and the command that trains it.</summary>
    public static VqVae2Priors Load(string autoencoderRun, Device device)
    {
        var top = TrainedVqVae2Prior.Load(autoencoderRun, VqVae2PriorLevel.Top, device);
        try
        {
            return new VqVae2Priors(top, TrainedVqVae2Prior.Load(autoencoderRun, VqVae2PriorLevel.Bottom, device));
        }
        catch
        {
            top.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Top.Dispose();
        Bottom.Dispose();
    }
}
