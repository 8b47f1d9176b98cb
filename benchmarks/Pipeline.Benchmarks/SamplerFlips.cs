using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Pipeline.MLNet;
using Pipeline.MLNet.Sampling;
using Pipeline.Onnx;
using Pipeline.Onnx.Sampling;

namespace Pipeline.Benchmarks;

/// <summary>
/// <c>--sampler-flips EXPORT [--count N] [--batch B] [--threads T] [--guidance S] [--verify]</c>: how often the cached
/// sampler (the step graphs) draws a different level than the band sampler (the whole graph on the rows of the
/// receptive field, once per position) would for the same seed, over N images of a committed export folder (a pixel
/// PixelCNN, or a VQ-VAE-2's two priors, the bottom one conditioned on the top grid drawn). The step sampler draws
/// each batch and reports its logits; the band's logits for the same prefixes come from one Run per row on the finished
/// grids (teacher forcing: a causal graph's logits at (r, c) read nothing at or after (r, c), whose masked weights are
/// exactly zero, so they are the band sampler's logits bit for bit as long as the prefixes agree; <c>--verify</c> runs
/// the real band sampler on the first batch and checks that). Each position's draw is redone from the band's logits
/// with the same uniform number; the first position per image whose level differs is a flip, printed with both logit
/// vectors' distance and where the uniform falls against each cumulative boundary. The summary sets the flips against
/// the number rounding alone predicts: the sum over the compared positions of the chance that a uniform number draws
/// different levels from the two logit vectors (1 − Σ_k the overlap of level k's two cumulative intervals).
/// </summary>
public static class SamplerFlips
{
    public const string Switch = "--sampler-flips";

    public static int Run(string[] args)
    {
        var export = args.SkipWhile(a => a != Switch).Skip(1).FirstOrDefault() ?? throw new ArgumentException($"{Switch} needs an export folder.");
        int Value(string name, int fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } v ? int.Parse(v) : fallback;
        var count = Value("--count", 10_000);
        var batch = Value("--batch", 64);
        var threads = Value("--threads", 2);
        var guidance = args.SkipWhile(a => a != "--guidance").Skip(1).FirstOrDefault() is { } g ? double.Parse(g, System.Globalization.CultureInfo.InvariantCulture) : 1.0;
        var sampling = new CategoricalSampling(Guidance: guidance);
        var verify = args.Contains("--verify");
        // By the files' metadata: the autoregressive models, the one sampled from the class alone first.
        var levels = ExportedModels.Read(export).Models
            .Where(m => m.Metadata.Role == OnnxMetadataKeys.Roles.Autoregressive)
            .OrderBy(m => AutoregressiveModel.From(m).Condition is not null)
            .Select(m => m.Source).ToArray();
        var runtime = OnnxRuntimeOptions.Default with { BatchSize = batch, IntraOpThreads = threads };
        var counters = levels.Select(path => new LevelCheck(path, runtime)).ToArray();
        var flipped = new HashSet<long>();
        var clock = Stopwatch.StartNew();
        try
        {
            for (var start = 0; start < count; start += batch)
            {
                var seeds = Enumerable.Range(start, Math.Min(batch, count - start)).Select(i => (long)i).ToArray();
                var labels = seeds.Select(s => s % 10).ToArray();
                long[] condition = [];
                for (var level = 0; level < counters.Length; level++)
                {
                    var levelSeeds = seeds.Select(s => SampleStreams.ForLevel(s, level)).ToArray();
                    condition = counters[level].Check(seeds, levelSeeds, labels, condition, sampling, flipped, verify && start == 0);
                }
            }
        }
        finally
        {
            foreach (var counter in counters)
            {
                counter.Dispose();
            }
        }

        Console.WriteLine(
            $"{export}, guidance {guidance}: {count} images in {clock.Elapsed.TotalSeconds:F0} s; {flipped.Count} image(s) with a flip " +
            $"({100.0 * flipped.Count / count:F3}%)");
        foreach (var counter in counters)
        {
            Console.WriteLine($"  {counter.Summary}");
        }

        return 0;
    }

    // One prior: its step sampler, a session for the band's Runs, and the tallies.
    private sealed class LevelCheck : IDisposable
    {
        private readonly AutoregressiveOnnxSampler _steps;
        private readonly InferenceSession _session;
        private readonly RowBand[] _bands;
        private readonly string _path;
        private readonly OnnxRuntimeOptions _runtime;
        private long _positions, _identical, _flips;
        private double _expectedFlips;
        private double _largest;

        public LevelCheck(string path, OnnxRuntimeOptions runtime)
        {
            _path = path;
            _runtime = runtime;
            _steps = AutoregressiveOnnxSampler.Load(path, runtime);
            var model = _steps.Model;
            if (!_steps.UsesStepGraphs || model.ReceptiveFieldRows is not { } rows)
            {
                throw new ArgumentException($"{path} has no step graphs: nothing to compare.");
            }

            _bands = RowBands.Banded(model.Height, rows, model.Condition);
            _session = OnnxSessions.Create(model.Model, runtime).Session;
        }

        public string Summary =>
            $"{Path.GetFileName(_path)}: {_positions:N0} draws compared before any flip; logit vectors bitwise equal at {100.0 * _identical / Math.Max(1, _positions):F2}%; " +
            $"largest |logit difference| {_largest:G3}; {_flips} flip(s), against {_expectedFlips:F1} expected from the logits' differences alone";

        // Draws the batch with the step graphs, redoes every draw from the band's logits, records the flips; returns the
        // step grids (the next level's condition).
        public long[] Check(long[] imageSeeds, long[] seeds, long[] labels, long[] condition, CategoricalSampling sampling, HashSet<long> flipped, bool verify)
        {
            var model = _steps.Model;
            var (k, h, w) = (model.Levels, model.Height, model.Width);
            var stepLogits = new float[seeds.Length * h * w * k];
            var classLabels = model.ClassCount is null ? null : labels;
            var grids = _steps.Sample(seeds, classLabels, condition, sampling, Capture(stepLogits, h, w, k));
            var bandLogits = TeacherForced(grids, classLabels, condition, sampling);
            if (verify)
            {
                Verify(seeds, classLabels, condition, sampling, grids, bandLogits);
            }

            var scratch = new double[k];
            for (var b = 0; b < seeds.Length; b++)
            {
                if (flipped.Contains(imageSeeds[b]))
                {
                    continue;   // an earlier level already differs: this level's prefixes are not the band sampler's
                }

                var stream = SampleStreams.For(seeds[b]);
                for (var p = 0; p < h * w; p++)
                {
                    var uniform = stream.NextDouble();
                    var band = bandLogits.AsSpan(((b * h * w) + p) * k, k);
                    var step = stepLogits.AsSpan(((b * h * w) + p) * k, k);
                    _positions++;
                    var difference = 0.0;
                    for (var j = 0; j < k; j++)
                    {
                        difference = Math.Max(difference, Math.Abs(band[j] - step[j]));
                    }

                    _largest = Math.Max(_largest, difference);
                    _identical += difference == 0 ? 1 : 0;
                    _expectedFlips += difference == 0 ? 0 : FlipChance(band, step, sampling);
                    var level = CategoricalDraw.Draw(band, sampling, uniform, scratch);
                    if (level != grids[(b * h * w) + p])
                    {
                        flipped.Add(imageSeeds[b]);
                        _flips++;
                        Explain(imageSeeds[b], p / w, p % w, level, grids[(b * h * w) + p], band, step, uniform, difference, sampling);
                        break;
                    }
                }
            }

            return grids;
        }

        private static SamplerProfile Capture(float[] into, int h, int w, int k) =>
            new() { Logits = (b, r, c, logits) => logits.AsSpan(0, k).CopyTo(into.AsSpan(((((b * h) + r) * w) + c) * k)) };

        // logits[b, r, c, :] of the band sampler's Runs, guided as it guides them, from one Run per row on the finished grids.
        private float[] TeacherForced(long[] grids, long[]? labels, long[] condition, CategoricalSampling sampling)
        {
            var model = _steps.Model;
            var (k, h, w) = (model.Levels, model.Height, model.Width);
            var count = grids.Length / (h * w);
            var runs = sampling.IsGuided ? 2 * count : count;
            var result = new float[count * h * w * k];
            var guidedRow = new float[k];
            var unconditionalRow = new float[k];
            foreach (var (row, band) in _bands.Select((band, row) => (row, band)))
            {
                var bandGrid = new long[runs * band.Rows * w];
                for (var b = 0; b < runs; b++)
                {
                    grids.AsSpan((((b % count) * h) + band.First) * w, band.Rows * w).CopyTo(bandGrid.AsSpan(b * band.Rows * w));
                }

                var inputs = new Dictionary<string, OrtValue>
                {
                    [AutoregressiveModel.GridInput] = OrtValue.CreateTensorValueFromMemory(bandGrid, [runs, band.Rows, w]),
                };
                if (labels is not null)
                {
                    var runLabels = Enumerable.Range(0, runs).Select(b => b < count ? labels[b] : model.UnconditionalLabel!.Value).ToArray();
                    inputs[AutoregressiveModel.LabelInput] = OrtValue.CreateTensorValueFromMemory(runLabels, [runs]);
                }

                if (model.Condition is { } c)
                {
                    var bandCondition = new long[runs * band.ConditionRows * c.Width];
                    for (var b = 0; b < runs; b++)
                    {
                        condition.AsSpan(((b % count) * c.Size) + (band.ConditionFirst * c.Width), band.ConditionRows * c.Width)
                            .CopyTo(bandCondition.AsSpan(b * band.ConditionRows * c.Width));
                    }

                    inputs[AutoregressiveModel.ConditionInput] = OrtValue.CreateTensorValueFromMemory(bandCondition, [runs, band.ConditionRows, c.Width]);
                }

                using var options = new RunOptions();
                using var outputs = _session.Run(options, inputs, [AutoregressiveModel.LogitsOutput]);
                var logits = outputs[0].GetTensorDataAsSpan<float>();
                var plane = band.Rows * w;
                var bandRow = row - band.First;
                for (var b = 0; b < count; b++)
                {
                    for (var column = 0; column < w; column++)
                    {
                        for (var j = 0; j < k; j++)
                        {
                            guidedRow[j] = logits[(b * k * plane) + (j * plane) + (bandRow * w) + column];
                            if (sampling.IsGuided)
                            {
                                unconditionalRow[j] = logits[((count + b) * k * plane) + (j * plane) + (bandRow * w) + column];
                            }
                        }

                        if (sampling.IsGuided)
                        {
                            CategoricalDraw.Guide(guidedRow, unconditionalRow, sampling.Guidance);
                        }

                        guidedRow.CopyTo(result.AsSpan(((((b * h) + row) * w) + column) * k));
                    }
                }

                foreach (var value in inputs.Values)
                {
                    value.Dispose();
                }
            }

            return result;
        }

        // The real band sampler on this batch: its logits must be the teacher-forced ones, bit for bit, up to the first
        // position where it drew differently from the step graphs (after it, its prefixes are no longer theirs).
        private void Verify(long[] seeds, long[]? labels, long[] condition, CategoricalSampling sampling, long[] stepGrids, float[] teacherForced)
        {
            var model = _steps.Model;
            var (k, cells) = (model.Levels, model.Height * model.Width);
            var bandLogits = new float[teacherForced.Length];
            using var band = AutoregressiveOnnxSampler.Load(_path, _runtime, model.ReceptiveFieldRows);
            var grids = band.Sample(seeds, labels, condition, sampling, Capture(bandLogits, model.Height, model.Width, k));
            long compared = 0, equal = 0;
            for (var b = 0; b < seeds.Length; b++)
            {
                for (var p = 0; p < cells; p++)
                {
                    var at = ((b * cells) + p) * k;
                    compared++;
                    equal += MemoryMarshal.AsBytes(bandLogits.AsSpan(at, k)).SequenceEqual(MemoryMarshal.AsBytes(teacherForced.AsSpan(at, k))) ? 1 : 0;
                    if (grids[(b * cells) + p] != stepGrids[(b * cells) + p])
                    {
                        break;
                    }
                }
            }

            Console.WriteLine(
                $"verify {Path.GetFileName(_path)}: the band sampler's logits equal the teacher-forced ones bit for bit at {equal:N0} of {compared:N0} positions " +
                $"({seeds.Length} grids, each up to the band sampler's first draw that differs from the step graphs')");
        }

        private void Explain(long image, int row, int column, long bandLevel, long stepLevel, ReadOnlySpan<float> band, ReadOnlySpan<float> step, double uniform, double difference, CategoricalSampling sampling)
        {
            var lower = Math.Min(bandLevel, stepLevel);
            Console.WriteLine(
                $"  flip: image {image}, {Path.GetFileName(_path)} ({row}, {column}): band {bandLevel}, steps {stepLevel}; max |logit difference| {difference:G3}; " +
                $"u = {uniform:R}; cumulative probability up to level {lower}: band {Below(band, lower, sampling):R}, steps {Below(step, lower, sampling):R}");
        }

        // The chance that one uniform number u draws different levels from the two logit vectors: 1 − Σ_k the overlap of
        // level k's two intervals [F(k − 1), F(k)) of the cumulative distribution, computed in double.
        private static double FlipChance(ReadOnlySpan<float> band, ReadOnlySpan<float> step, CategoricalSampling sampling)
        {
            var (bandMax, stepMax) = (Max(band), Max(step));
            double bandTotal = 0, stepTotal = 0;
            for (var j = 0; j < band.Length; j++)
            {
                bandTotal += Math.Exp((band[j] - bandMax) / sampling.Temperature);
                stepTotal += Math.Exp((step[j] - stepMax) / sampling.Temperature);
            }

            double bandBelow = 0, stepBelow = 0, agree = 0;
            for (var j = 0; j < band.Length; j++)
            {
                var (bandFrom, stepFrom) = (bandBelow / bandTotal, stepBelow / stepTotal);
                bandBelow += Math.Exp((band[j] - bandMax) / sampling.Temperature);
                stepBelow += Math.Exp((step[j] - stepMax) / sampling.Temperature);
                agree += Math.Max(0, Math.Min(bandBelow / bandTotal, stepBelow / stepTotal) - Math.Max(bandFrom, stepFrom));
            }

            return Math.Max(0, 1 - agree);
        }

        private static double Below(ReadOnlySpan<float> logits, long level, CategoricalSampling sampling)
        {
            var max = Max(logits);
            double below = 0, total = 0;
            for (var j = 0; j < logits.Length; j++)
            {
                var p = Math.Exp((logits[j] - max) / sampling.Temperature);
                total += p;
                below += j <= level ? p : 0;
            }

            return below / total;
        }

        private static double Max(ReadOnlySpan<float> values)
        {
            var max = double.NegativeInfinity;
            foreach (var v in values)
            {
                max = Math.Max(max, v);
            }

            return max;
        }

        public void Dispose()
        {
            _session.Dispose();
            _steps.Dispose();
        }
    }
}
