using System.Diagnostics;
using Pipeline.Training.VqVae2;

namespace Pipeline.Application.VqVae2;

/// <summary>What <see cref="VqVae2Codes.Extract"/> wrote: the stamp and each split's files.</summary>
/// <param name="Stamp">What the codes were made from (checkpoint step, grids, codebook, image counts).</param>
/// <param name="Train">The training split's top codes, bottom codes and labels.</param>
/// <param name="Test">The test split's.</param>
public sealed record CodeExtractionReport(VqVae2CodeStamp Stamp, CodeFiles Train, CodeFiles Test)
{
    /// <summary>Each split with its images and files.</summary>
    public IEnumerable<(string Split, int Images, CodeFiles Files)> Splits => [("train", Stamp.TrainImages, Train), ("test", Stamp.TestImages, Test)];
}

/// <summary>
/// The codes of a VQ-VAE-2 run, extracted once (as rosinality/vq-vae-2-pytorch's extract_code.py) and reused by both
/// priors while they are the current checkpoint's.
/// </summary>
public static class VqVae2Codes
{
    /// <summary>
    /// Both splits' codes and labels as IDX files in <paramref name="folder"/>, with the stamp that lets the priors reuse
    /// them; <paramref name="encoded"/> hears the images encoded so far (training, then test images).
    /// </summary>
    public static CodeExtractionReport Extract(TrainedVqVae2 model, Device device, string folder, IProgress<int>? encoded = null)
    {
        var stamp = VqVae2CodeSet.Extract(model, device, folder, encoded is null ? null : encoded.Report);
        return new(stamp, CodeFiles.In(folder, "train"), CodeFiles.In(folder, "test"));
    }

    /// <summary>
    /// The codes of <paramref name="autoencoderRun"/> in RUN/codes, extracted now unless they are those of its current
    /// checkpoint. Two priors started together share one extraction: the second waits for the first's lock on the folder.
    /// </summary>
    public static VqVae2CodeStamp Ensure(string autoencoderRun, Device device, IProgress<string>? notes = null)
    {
        var codes = VqVae2CodeSet.FolderOf(autoencoderRun);
        using var writing = AcquireWaiting(codes, notes);
        using var model = TrainedVqVae2.Load(autoencoderRun, device);
        if (VqVae2CodeSet.Current(model, codes) is { } current)
        {
            notes?.Report($"reusing the codes in {codes} (autoencoder step {current.AutoencoderStep})");
            return current;
        }

        var (train, test) = model.Data;
        notes?.Report($"extracting the codes of {train.Count} training and {test.Count} test images (autoencoder step {model.Step}) into {codes}");
        var clock = Stopwatch.StartNew();
        var stamp = VqVae2CodeSet.Extract(model, device, codes);
        notes?.Report($"extracted the codes of {stamp.TrainImages} training and {stamp.TestImages} test images in {clock.Elapsed.TotalSeconds:F1} s");
        return stamp;
    }

    private static RunLock AcquireWaiting(string folder, IProgress<string>? notes)
    {
        var deadline = DateTime.UtcNow.AddMinutes(30);
        while (true)
        {
            try
            {
                return RunLock.Acquire(folder);
            }
            catch (IOException) when (DateTime.UtcNow < deadline && File.Exists(Path.Combine(folder, RunLock.FileName)))
            {
                notes?.Report($"waiting for another process to finish writing {folder}");
                Thread.Sleep(TimeSpan.FromSeconds(5));
            }
        }
    }
}
