using Pipeline.Data.Translation;
using Pipeline.Reports;
using Pipeline.Training.Batching;

namespace Pipeline.Training.Translation;

/// <summary>
/// A translator's work on fixed test examples as side-by-side panels (<see cref="TranslationPanels"/>): input |
/// output | target for paired recipes; for CycleGAN, a | G_A(a) | G_B(G_A(a)) rows followed by b | G_B(b) | G_A(G_B(b)).
/// </summary>
public static class TranslationImagery
{
    /// <summary>Examples shown per domain in the run's panels.</summary>
    public const int Examples = 8;

    /// <summary>The panels of <paramref name="examples"/> (in [0, 1]) through the generators, in eval mode, one per image.</summary>
    public static ImageDataset Panels(nn.Module<Tensor, Tensor> forward, nn.Module<Tensor, Tensor>? backward, TranslationImages examples, Device device)
    {
        using var scope = NewDisposeScope();
        var (a, b) = (Tensor(examples.A, device), Tensor(examples.B, device));
        var fakeB = TranslationEvaluation.Translate(forward, a);
        if (backward is null)
        {
            return TranslationPanels.Compose(Common([examples.A, Dataset(fakeB, "output"), examples.B]));
        }

        var fakeA = TranslationEvaluation.Translate(backward, b);
        var forwardPanels = TranslationPanels.Compose([examples.A, Dataset(fakeB, "G_A(a)"), Dataset(TranslationEvaluation.Translate(backward, fakeB), "G_B(G_A(a))")]);
        var backwardPanels = TranslationPanels.Compose([examples.B, Dataset(fakeA, "G_B(b)"), Dataset(TranslationEvaluation.Translate(forward, fakeA), "G_A(G_B(b))")]);
        return Concatenate(forwardPanels, backwardPanels);
    }

    /// <summary>Writes panels as one PNG, one panel per row.</summary>
    public static void Save(string path, ImageDataset panels) =>
        ImageGrid.SavePng(path, panels.Pixels, panels.Count, panels.Channels, panels.Height, panels.Width, columns: 1, scale: panels.Height <= 32 ? 3 : 1);

    private static Tensor Tensor(ImageDataset data, Device device) =>
        new MiniBatchLoader(data, data.Count, 0, device, shuffle: false).Gather(Enumerable.Range(0, data.Count).ToArray()).Images;

    private static ImageDataset Dataset(Tensor images, string source)
    {
        var cpu = images.cpu().contiguous();
        var shape = cpu.shape;
        return new ImageDataset(cpu.data<float>().ToArray(), new int[shape[0]], (int)shape[1], (int)shape[2], (int)shape[3], 1, source);
    }

    // Grey columns beside colour ones (a 1-channel sketch → RGB photo) are repeated on three channels.
    private static ImageDataset[] Common(ImageDataset[] columns)
    {
        var channels = columns.Max(c => c.Channels);
        return columns.Select(c => c.Channels == channels ? c : Repeat(c, channels)).ToArray();
    }

    private static ImageDataset Repeat(ImageDataset grey, int channels)
    {
        var plane = grey.Height * grey.Width;
        var pixels = new float[grey.Count * channels * plane];
        for (var i = 0; i < grey.Count; i++)
        {
            for (var c = 0; c < channels; c++)
            {
                grey.Image(i).CopyTo(pixels.AsSpan(((i * channels) + c) * plane, plane));
            }
        }

        return new ImageDataset(pixels, new int[grey.Count], channels, grey.Height, grey.Width, 1, grey.Source);
    }

    private static ImageDataset Concatenate(ImageDataset first, ImageDataset second) =>
        new([.. first.Pixels, .. second.Pixels], new int[first.Count + second.Count], first.Channels, first.Height, first.Width, 1, $"{first.Source}; {second.Source}");
}
