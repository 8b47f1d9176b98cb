using System.Text.Json;

namespace Pipeline.Training.VqVae2;

/// <summary>
/// What a folder of extracted codes was made from, written as codes.json after the code files: the priors reuse the
/// codes only while the autoencoder checkpoint and the grids they came from are still the run's.
/// </summary>
/// <param name="AutoencoderStep">Training steps of the autoencoder checkpoint that encoded them.</param>
/// <param name="TopGrid">Side of the top grids.</param>
/// <param name="BottomGrid">Side of the bottom grids.</param>
/// <param name="CodebookSize">K of both levels.</param>
/// <param name="ClassCount">Classes of the labels.</param>
/// <param name="TrainImages">Training images encoded.</param>
/// <param name="TestImages">Test images encoded.</param>
public sealed record VqVae2CodeStamp(long AutoencoderStep, int TopGrid, int BottomGrid, int CodebookSize, int ClassCount, int TrainImages, int TestImages)
{
    /// <summary>The stamp's file inside a codes folder.</summary>
    public const string FileName = "codes.json";

    /// <summary>The stamp the codes of <paramref name="model"/>'s current checkpoint and data carry.</summary>
    public static VqVae2CodeStamp Of(TrainedVqVae2 model)
    {
        var o = model.Config.Model;
        var (train, test) = model.Data;
        return new VqVae2CodeStamp(model.Step, o.TopGrid, o.BottomGrid, o.CodebookSize, Math.Max(train.ClassCount, test.ClassCount), train.Count, test.Count);
    }

    /// <summary>The stamp in <paramref name="folder"/>, or null when there is none.</summary>
    public static VqVae2CodeStamp? Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<VqVae2CodeStamp>(File.ReadAllText(path), RunFolder.Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a valid code stamp ({ex.Message}); delete it to extract the codes again.", ex);
        }
    }

    /// <summary>Writes the stamp into <paramref name="folder"/> (atomically).</summary>
    public void Write(string folder) =>
        AtomicFile.Write(Path.Combine(folder, FileName), stream => JsonSerializer.Serialize(stream, this, RunFolder.Json));
}

/// <summary>
/// The codes folder of a VQ-VAE-2 run (RUN/codes): extracted once by the trained autoencoder and reused by both
/// priors, as rosinality/vq-vae-2-pytorch extracts once into an LMDB before training its PixelSNAILs.
/// </summary>
public static class VqVae2CodeSet
{
    /// <summary>The run's default codes folder.</summary>
    public static string FolderOf(string runPath) => Path.Combine(runPath, "codes");

    /// <summary>
    /// Encodes both splits into <paramref name="folder"/>, code files first and the stamp last (so a killed extraction
    /// is never reused). <paramref name="encoded"/> hears the images encoded so far, training then test images.
    /// </summary>
    public static VqVae2CodeStamp Extract(TrainedVqVae2 model, Device device, string folder, Action<int>? encoded = null)
    {
        Directory.CreateDirectory(folder);
        var stale = Path.Combine(folder, VqVae2CodeStamp.FileName);
        if (File.Exists(stale))
        {
            File.Delete(stale);
        }

        var (train, test) = model.Data;
        VqVae2CodeExtraction.Write(model.Model, train, device, CodeFiles.In(folder, "train"), encoded);
        VqVae2CodeExtraction.Write(model.Model, test, device, CodeFiles.In(folder, "test"), encoded is null ? null : done => encoded(train.Count + done));
        var stamp = VqVae2CodeStamp.Of(model);
        stamp.Write(folder);
        return stamp;
    }

    /// <summary>
    /// The stamp of the codes in <paramref name="folder"/> when they are all there and were extracted from the model's
    /// current checkpoint and data, so they can be reused; otherwise null (extract them again).
    /// </summary>
    public static VqVae2CodeStamp? Current(TrainedVqVae2 model, string folder)
    {
        var expected = VqVae2CodeStamp.Of(model);
        var files = new[] { CodeFiles.In(folder, "train"), CodeFiles.In(folder, "test") };
        var present = files.All(f => File.Exists(f.Top) && File.Exists(f.Bottom) && File.Exists(f.Labels));
        return present && VqVae2CodeStamp.Read(folder) == expected ? expected : null;
    }
}
