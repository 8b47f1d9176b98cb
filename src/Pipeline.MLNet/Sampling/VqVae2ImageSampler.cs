using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Pipeline.Onnx.Sampling;

namespace Pipeline.MLNet.Sampling;

/// <summary>
/// VQ-VAE-2's ancestral chain through ONNX Runtime (Razavi et al. 2019, section 3.2): the class-conditional top prior
/// draws the top code grid with stream <see cref="SampleStreams.For"/>(<see cref="SampleStreams.ForLevel"/>(s, 0)),
/// the bottom prior draws the bottom grid given the class and that top grid with stream For(ForLevel(s, 1)), and the
/// decoder turns both grids into the image. Grid shapes, codebook sizes, levels and classes come from the metadata of
/// the three files and must agree; a disagreement names the file and the key.
/// </summary>
internal sealed class VqVae2ImageSampler : AutoregressiveImageSampler
{
    /// <summary>The decoder's inputs, as VqVae2OnnxExport names them.</summary>
    public const string TopCodes = VqVae2ExportFolder.TopCodes, BottomCodes = VqVae2ExportFolder.BottomCodes;

    public const string FamilyName = VqVae2ExportFolder.ModelFamily;

    private readonly AutoregressiveOnnxSampler _top;
    private readonly AutoregressiveOnnxSampler _bottom;
    private readonly InferenceSession _decoder;
    private readonly string _decoderOutput;
    private readonly int _batch;
    private readonly (float Min, float Span) _decoderRange;

    public VqVae2ImageSampler(ExportedModels models, OnnxRuntimeOptions runtime)
        : this(models, Check(models), runtime)
    {
    }

    private VqVae2ImageSampler(ExportedModels models, Checked c, OnnxRuntimeOptions runtime)
        : base(models, c.Image with { Min = 0f, Max = 1f }, c.Top.ClassCount, c.Top.UnconditionalLabel is not null && c.Bottom.UnconditionalLabel is not null)
    {
        _decoderRange = (c.Image.Min, c.Image.Max - c.Image.Min);
        _batch = runtime.BatchSize;
        _decoderOutput = c.Decoder.Outputs[0].Name;
        AutoregressiveOnnxSampler? top = null, bottom = null;
        try
        {
            top = AutoregressiveOnnxSampler.Open(c.Top, runtime);
            bottom = AutoregressiveOnnxSampler.Open(c.Bottom, runtime);
            _decoder = OnnxSessions.Create(c.Decoder, runtime).Session;
        }
        catch
        {
            top?.Dispose();
            bottom?.Dispose();
            throw;
        }

        (_top, _bottom) = (top, bottom);
    }

    public override string Family => FamilyName;

    public override float[] Sample(IReadOnlyList<long> seeds, IReadOnlyList<long>? labels, CategoricalSampling sampling)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        var classLabels = ClassCount is null ? null : labels;
        var top = _top.Sample(seeds.Select(s => SampleStreams.ForLevel(s, 0)).ToArray(), classLabels, default, sampling);
        var bottom = _bottom.Sample(seeds.Select(s => SampleStreams.ForLevel(s, 1)).ToArray(), classLabels, top, sampling);
        return Decode(seeds.Count, top, bottom);
    }

    private protected override void Dispose(bool disposing)
    {
        _top.Dispose();
        _bottom.Dispose();
        _decoder.Dispose();
    }

    private float[] Decode(int count, long[] top, long[] bottom)
    {
        var image = new float[count * Image.Size];
        var (topSize, bottomSize) = (_top.Height * _top.Width, _bottom.Height * _bottom.Width);
        for (var start = 0; start < count; start += _batch)
        {
            var n = Math.Min(_batch, count - start);
            using var topValue = OrtValue.CreateTensorValueFromMemory(top.AsSpan(start * topSize, n * topSize).ToArray(), [n, _top.Height, _top.Width]);
            using var bottomValue = OrtValue.CreateTensorValueFromMemory(bottom.AsSpan(start * bottomSize, n * bottomSize).ToArray(), [n, _bottom.Height, _bottom.Width]);
            var output = new float[n * Image.Size];
            using var outputValue = OrtValue.CreateTensorValueFromMemory(output, [n, Image.Channels, Image.Height, Image.Width]);
            using var run = new RunOptions();
            _decoder.Run(run, [TopCodes, BottomCodes], [topValue, bottomValue], [_decoderOutput], [outputValue]);
            // The decoder's value range (metadata) → [0, 1], what every sampler returns.
            var (min, span) = _decoderRange;
            for (var i = 0; i < output.Length; i++)
            {
                image[(start * Image.Size) + i] = Math.Clamp((output[i] - min) / span, 0f, 1f);
            }
        }

        return image;
    }

    private static Checked Check(ExportedModels models)
    {
        var decoder = models.Single(OnnxMetadataKeys.Roles.Decoder);
        if (decoder.Outputs.Count != 1)
        {
            throw new InvalidDataException($"{decoder.Source}: expected one image output, found {decoder.Outputs.Count}.");
        }

        var image = decoder.RequireImage(decoder.Outputs[0]);
        var (topH, topW) = Grid(decoder, OnnxMetadataKeys.Codes.TopGrid);
        var (bottomH, bottomW) = Grid(decoder, OnnxMetadataKeys.Codes.BottomGrid);
        var topCodes = Integer(decoder, OnnxMetadataKeys.Codes.TopCodebookSize);
        var bottomCodes = Integer(decoder, OnnxMetadataKeys.Codes.BottomCodebookSize);
        DecoderInput(decoder, TopCodes, topH, topW, OnnxMetadataKeys.Codes.TopGrid);
        DecoderInput(decoder, BottomCodes, bottomH, bottomW, OnnxMetadataKeys.Codes.BottomGrid);

        var top = Prior(models, decoder, OnnxMetadataKeys.Autoregressive.TopLevel, topCodes, topH, topW, OnnxMetadataKeys.Codes.TopCodebookSize, OnnxMetadataKeys.Codes.TopGrid);
        if (top.Condition is not null)
        {
            throw new InvalidDataException($"{top.Source}: the top prior takes a condition grid ({OnnxMetadataKeys.Autoregressive.ConditionLevels}); it is sampled first, from the class alone.");
        }

        var bottom = Prior(models, decoder, OnnxMetadataKeys.Autoregressive.BottomLevel, bottomCodes, bottomH, bottomW, OnnxMetadataKeys.Codes.BottomCodebookSize, OnnxMetadataKeys.Codes.BottomGrid);
        if (bottom.Condition is not { } condition)
        {
            throw new InvalidDataException($"{bottom.Source}: the bottom prior lacks a condition grid ({OnnxMetadataKeys.Autoregressive.ConditionLevels}); it must be conditioned on the top codes.");
        }

        if ((condition.Levels, condition.Height, condition.Width) != (topCodes, topH, topW))
        {
            throw new InvalidDataException(
                $"{bottom.Source}: its condition grid ({OnnxMetadataKeys.Autoregressive.ConditionLevels}, {OnnxMetadataKeys.Autoregressive.ConditionHeight}, {OnnxMetadataKeys.Autoregressive.ConditionWidth}) " +
                $"is {condition.Height}x{condition.Width} of {condition.Levels} codes, but {Path.GetFileName(decoder.Source)} says the top grid is {topH}x{topW} of {topCodes} codes ({OnnxMetadataKeys.Codes.TopGrid}, {OnnxMetadataKeys.Codes.TopCodebookSize}).");
        }

        if (top.ClassCount != bottom.ClassCount)
        {
            throw new InvalidDataException(
                $"{bottom.Source}: {OnnxMetadataKeys.ClassCount} is {bottom.ClassCount?.ToString(CultureInfo.InvariantCulture) ?? "absent"}, but {Path.GetFileName(top.Source)} says {top.ClassCount?.ToString(CultureInfo.InvariantCulture) ?? "absent"}.");
        }

        return new Checked(top, bottom, decoder, image);
    }

    private static AutoregressiveModel Prior(ExportedModels models, GenerativeOnnxModel decoder, string level, int codes, int h, int w, string codesKey, string gridKey)
    {
        var prior = AutoregressiveModel.From(models.Single(OnnxMetadataKeys.Roles.Autoregressive, level));
        if (prior.Content != "codes")
        {
            throw new InvalidDataException($"{prior.Source}: {OnnxMetadataKeys.Autoregressive.GridContent} is '{prior.Content}', expected 'codes'.");
        }

        if ((prior.Levels, prior.Height, prior.Width) != (codes, h, w))
        {
            throw new InvalidDataException(
                $"{prior.Source}: it models a {prior.Height}x{prior.Width} grid of {prior.Levels} codes ({OnnxMetadataKeys.Autoregressive.GridHeight}, {OnnxMetadataKeys.Autoregressive.GridWidth}, {OnnxMetadataKeys.Autoregressive.Levels}), " +
                $"but {Path.GetFileName(decoder.Source)} says {h}x{w} of {codes} ({gridKey}, {codesKey}).");
        }

        return prior;
    }

    private static void DecoderInput(GenerativeOnnxModel decoder, string name, int h, int w, string key)
    {
        var input = decoder.Input(name);
        if (!input.Dims.SequenceEqual([h, w]))
        {
            throw new InvalidDataException($"{decoder.Source}: input '{name}' is {input.ShapeText}, but {key} says {h}x{w}.");
        }
    }

    private static (int Height, int Width) Grid(GenerativeOnnxModel model, string key)
    {
        var text = model.Properties.GetValueOrDefault(key) ?? throw model.MissingMetadata(key, "\"HxW\", e.g. \"7x7\"");
        var parts = text.Split('x');
        return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var h) && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var w) && h > 0 && w > 0
            ? (h, w)
            : throw new InvalidDataException($"{model.Source}: metadata key '{key}' is '{text}', expected \"HxW\" such as \"7x7\".");
    }

    private static int Integer(GenerativeOnnxModel model, string key) =>
        model.Properties.TryGetValue(key, out var text)
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw new InvalidDataException($"{model.Source}: metadata key '{key}' is '{text}', expected an integer.")
            : throw model.MissingMetadata(key, "an integer");

    private sealed record Checked(AutoregressiveModel Top, AutoregressiveModel Bottom, GenerativeOnnxModel Decoder, PixelCodec Image);
}
