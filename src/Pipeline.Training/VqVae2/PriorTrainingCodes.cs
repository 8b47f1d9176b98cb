namespace Pipeline.Training.VqVae2;

/// <summary>What one prior trains on: both splits of its autoencoder's extracted codes, and the stamp they carry.</summary>
/// <param name="Stamp">What the codes were made from.</param>
/// <param name="Train">The training split's grids of the prior's level.</param>
/// <param name="Test">The test split's grids, for the metrics lines' exact bits per code.</param>
public sealed record PriorTrainingCodes(VqVae2CodeStamp Stamp, PriorCodes Train, PriorCodes Test)
{
    /// <summary>
    /// Reads the <paramref name="level"/> grids of both splits in <paramref name="codesFolder"/>; with <paramref name="expected"/>
    /// (a resumed prior in <paramref name="priorPath"/>), only when they are the codes it was trained on.
    /// </summary>
    /// <exception cref="InvalidDataException">No codes, codes of another autoencoder checkpoint, or a malformed code file.</exception>
    public static PriorTrainingCodes Load(string codesFolder, string level, VqVae2CodeStamp? expected, string priorPath, Device device)
    {
        var stamp = VqVae2CodeStamp.Read(codesFolder);
        if (stamp is null || (expected is not null && stamp != expected))
        {
            throw new InvalidDataException(
                $"{codesFolder}: the codes ({Describe(stamp)}) are not the ones {priorPath} was trained on ({Describe(expected)}); the autoencoder changed since: train this prior anew (delete {priorPath}).");
        }

        return new(stamp, PriorCodes.Load(CodeFiles.In(codesFolder, "train"), level, stamp, device), PriorCodes.Load(CodeFiles.In(codesFolder, "test"), level, stamp, device));
    }

    private static string Describe(VqVae2CodeStamp? s) => s is null
        ? "none extracted"
        : $"autoencoder step {s.AutoencoderStep}, {s.TopGrid}x{s.TopGrid} + {s.BottomGrid}x{s.BottomGrid}, K = {s.CodebookSize}, {s.TrainImages} + {s.TestImages} images";
}
