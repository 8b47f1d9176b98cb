using Microsoft.ML.Data;
using Pipeline.Cluster.Jobs;
using Pipeline.Data;
using Pipeline.MLNet;
using SkiaSharp;

namespace Pipeline.Cluster.Inference;

/// <summary>
/// Runs one shard of a job: the same code on a silo and in the single-process path, so both write the same bytes.
/// Batches start at the shard's first item and hold <see cref="JobSpec.BatchSize"/> items, so a re-run shard feeds
/// ONNX Runtime exactly the same batches. Each output file is written atomically (temp + rename), and the shard's files are made durable together before it returns.
/// </summary>
internal static class ShardRunner
{
    /// <summary>Runs shard <paramref name="shard"/> and returns the files written, relative to the output folder.</summary>
    public static IReadOnlyList<string> Run(LoadedModel model, JobSpec job, int shard, CancellationToken cancellation)
    {
        model.CheckFits(job);
        var (first, count) = job.ShardRange(shard);
        var inputs = model.Label is { } label ? new[] { model.Main, label } : [model.Main];
        var codec = model.Model.RequireImage(model.Output);
        var source = job.Kind == JobKind.Translate ? model.Model.RequireImage(model.Main) : null;
        using var runner = new BatchRunner(model.Session, inputs, [model.Output], Math.Min(job.BatchSize, count));
        var written = new List<string>(count);
        for (var start = first; start < first + count; start += runner.Capacity)
        {
            // Between batches, so that a stopping silo hands its shard back quickly instead of holding up shutdown.
            cancellation.ThrowIfCancellationRequested();
            var rows = Math.Min(runner.Capacity, first + count - start);
            for (var r = 0; r < rows; r++)
            {
                var item = start + r;
                var main = runner.FloatInputs[0].AsSpan(r * model.Main.Size, model.Main.Size);
                if (source is null)
                {
                    NoiseSource.Fill(job.Seed, item, main);
                }
                else
                {
                    ReadImage(job.InputFiles[item], source, main, item);
                }

                if (model.Label is not null)
                {
                    runner.IndexInputs[1][r] = job.LabelOf(item)!.Value;
                }
            }

            runner.Run(rows);
            for (var r = 0; r < rows; r++)
            {
                var name = job.OutputName(start + r);
                WritePng(Path.Combine(job.OutputDirectory, name), codec, runner.Outputs[0].AsSpan(r * model.Output.Size, model.Output.Size));
                written.Add(name);
            }
        }

        // Durable before the shard is reported done: the job records it as done, and will not run it again, only then.
        DurableFiles.Sync(written.Select(n => Path.Combine(job.OutputDirectory, n)).ToArray());
        return written;
    }

    private static void ReadImage(string file, PixelCodec codec, Span<float> destination, int item)
    {
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"Input image {item} not found: {file}", file);
        }

        using var image = MLImage.CreateFromFile(file);
        codec.Read(image, destination, file, item);
    }

    /// <summary>The grey levels ML.NET's ConvertToImage would give (PixelCodec), encoded as PNG.</summary>
    private static void WritePng(string path, PixelCodec codec, ReadOnlySpan<float> values)
    {
        using var image = codec.Write(values);
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Bgra8888, SKAlphaType.Opaque);
        using var pixels = SKImage.FromPixelCopy(info, image.Pixels.ToArray());
        using var png = pixels.Encode(SKEncodedImageFormat.Png, 100);
        // Temp + rename per file; flushed to disk once per shard (DurableFiles), not per file.
        AtomicFile.Write(path, png.SaveTo, flushToDisk: false);
    }
}
