using Pipeline.Models.VqVae2;
using Pipeline.Training.Batching;

namespace Pipeline.Training.VqVae2;

/// <summary>The files one split's codes are written to: the input of the prior stage.</summary>
/// <param name="Top">Top codes, int32 IDX (N, t, t).</param>
/// <param name="Bottom">Bottom codes, int32 IDX (N, b, b).</param>
/// <param name="Labels">Class labels, unsigned-byte IDX (N), as the MNIST label files.</param>
public sealed record CodeFiles(string Top, string Bottom, string Labels)
{
    /// <summary>The file names for split <paramref name="split"/> ("train", "test") inside <paramref name="folder"/>.</summary>
    public static CodeFiles In(string folder, string split) => new(
        Path.Combine(folder, $"{split}-top-codes-idx3-int.gz"),
        Path.Combine(folder, $"{split}-bottom-codes-idx3-int.gz"),
        Path.Combine(folder, $"{split}-labels-idx1-ubyte.gz"));
}

/// <summary>
/// Encodes a whole dataset to its top and bottom code grids once, as rosinality/vq-vae-2-pytorch's extract_code.py
/// does, so the priors train on codes without running the encoder again.
/// </summary>
public static class VqVae2CodeExtraction
{
    /// <summary>
    /// Codes of every image of <paramref name="data"/>, in order: top (N·t·t) and bottom (N·b·b) values, row-major.
    /// <paramref name="encoded"/> hears the number of images encoded so far after each batch.
    /// </summary>
    public static (int[] Top, int[] Bottom) Encode(VqVae2Autoencoder model, ImageDataset data, Device device, int batchSize = 256, Action<int>? encoded = null)
    {
        var o = model.Options;
        var top = new int[data.Count * o.TopGrid * o.TopGrid];
        var bottom = new int[data.Count * o.BottomGrid * o.BottomGrid];
        var loader = new MiniBatchLoader(data, batchSize, seed: 0, device, shuffle: false);
        var done = 0;
        using var mode = new EvaluationMode(model);
        foreach (var batch in loader.Epoch(0))
        {
            using var scope = NewDisposeScope();
            var (t, b) = model.Encode(loader.Gather(batch).Images);
            t.to_type(ScalarType.Int32).cpu().data<int>().CopyTo(top, done * o.TopGrid * o.TopGrid);
            b.to_type(ScalarType.Int32).cpu().data<int>().CopyTo(bottom, done * o.BottomGrid * o.BottomGrid);
            done += batch.Length;
            encoded?.Invoke(done);
        }

        return (top, bottom);
    }

    /// <summary>Encodes <paramref name="data"/> and writes its codes and labels (each file atomically) to <paramref name="files"/>; <paramref name="encoded"/> as in <see cref="Encode"/>.</summary>
    public static void Write(VqVae2Autoencoder model, ImageDataset data, Device device, CodeFiles files, Action<int>? encoded = null)
    {
        if (data.ClassCount > 256)
        {
            throw new ArgumentException($"{data.Source}: {data.ClassCount} classes do not fit the unsigned-byte label file.", nameof(data));
        }

        var o = model.Options;
        var (top, bottom) = Encode(model, data, device, encoded: encoded);
        IdxInt32File.Write(files.Top, [data.Count, o.TopGrid, o.TopGrid], top);
        IdxInt32File.Write(files.Bottom, [data.Count, o.BottomGrid, o.BottomGrid], bottom);
        IdxFile.Write(files.Labels, new IdxArray([data.Count], data.Labels.Select(l => (byte)l).ToArray()));
    }
}
