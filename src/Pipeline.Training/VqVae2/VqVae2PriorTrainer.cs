using Pipeline.Training.PixelCnn;
using Pipeline.Training.Runs;
using static TorchSharp.torch;

namespace Pipeline.Training.VqVae2;

/// <summary>
/// Trains one VQ-VAE-2 prior on the extracted codes: <see cref="PixelCnnRecipe"/> over <see cref="PriorCodes"/> on the
/// shared training loop (metrics with the exact test bits per code, checkpoints, exact resume, Ctrl+C that checkpoints).
/// </summary>
public static class VqVae2PriorTrainer
{
    /// <summary>
    /// A trainer for <paramref name="config"/>'s level in <paramref name="run"/>, on the codes in
    /// <paramref name="codesFolder"/>, which must carry <paramref name="config"/>'s stamp.
    /// </summary>
    /// <exception cref="InvalidDataException">The codes are not the ones the config was made for, or a code file is malformed.</exception>
    public static PixelCnnTrainer Create(RunFolder run, VqVae2PriorRunConfig config, string codesFolder, Device device)
    {
        var stamp = VqVae2CodeStamp.Read(codesFolder);
        if (stamp != config.Codes)
        {
            throw new InvalidDataException(
                $"{codesFolder}: the codes ({Describe(stamp)}) are not the ones {run.Path} was trained on ({Describe(config.Codes)}); the autoencoder changed since: train this prior anew (delete {run.Path}).");
        }

        var train = PriorCodes.Load(CodeFiles.In(codesFolder, "train"), config.Level, stamp, device);
        var test = PriorCodes.Load(CodeFiles.In(codesFolder, "test"), config.Level, stamp, device);
        var recipe = new PixelCnnRecipe(config.Model, config.Training, train, test, device, VqVae2PriorRunConfig.RunKind);
        return new PixelCnnTrainer(run, recipe);
    }

    private static string Describe(VqVae2CodeStamp? s) => s is null
        ? "none extracted"
        : $"autoencoder step {s.AutoencoderStep}, {s.TopGrid}x{s.TopGrid} + {s.BottomGrid}x{s.BottomGrid}, K = {s.CodebookSize}, {s.TrainImages} + {s.TestImages} images";
}
