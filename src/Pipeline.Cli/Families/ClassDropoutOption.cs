using System.CommandLine;
using Pipeline.Training.PixelCnn;

namespace Pipeline.Cli.Families;

/// <summary>--class-dropout of every PixelCNN training command (over pixels, or VQ-VAE-2's priors over codes), one definition.</summary>
internal static class ClassDropoutOption
{
    /// <summary>A new instance (each command holds its own).</summary>
    public static Option<double> Create() => new("--class-dropout")
    {
        Description = "share of training grids trained without their class (0.1-0.2), so that sampling can use classifier-free guidance (--guidance); 0: class-conditional only",
        DefaultValueFactory = _ => new PixelCnnTrainingOptions().ClassDropout,
    };
}
