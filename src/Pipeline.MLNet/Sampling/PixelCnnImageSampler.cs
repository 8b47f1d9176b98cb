using Pipeline.Onnx.Sampling;

namespace Pipeline.MLNet.Sampling;

/// <summary>A PixelCNN over grey pixels: one level sampled with stream <see cref="SampleStreams.For"/>(seed).</summary>
internal sealed class PixelCnnImageSampler : AutoregressiveImageSampler
{
    /// <summary><c>pipeline.model_family</c> of a PixelCNN over pixels.</summary>
    public const string FamilyName = "pixelcnn";

    private readonly AutoregressiveOnnxSampler _pixels;

    public PixelCnnImageSampler(ExportedModels models, OnnxRuntimeOptions runtime)
        : this(models, AutoregressiveModel.From(models.Single(OnnxMetadataKeys.Roles.Autoregressive)), runtime)
    {
    }

    private PixelCnnImageSampler(ExportedModels models, AutoregressiveModel model, OnnxRuntimeOptions runtime)
        : base(models, new PixelCodec(1, model.Height, model.Width, 0f, 1f), model.ClassCount, model.UnconditionalLabel is not null)
    {
        if (model.Content != "pixels" || model.Condition is not null)
        {
            throw new InvalidDataException(
                $"{model.Source}: {OnnxMetadataKeys.Autoregressive.GridContent} is '{model.Content}'{(model.Condition is null ? string.Empty : " with a condition grid")}; a {FamilyName} model must model grey pixels without a condition grid.");
        }

        _pixels = AutoregressiveOnnxSampler.Open(model, runtime);
    }

    public override string Family => FamilyName;

    public override float[] Sample(IReadOnlyList<long> seeds, IReadOnlyList<long>? labels, CategoricalSampling sampling)
    {
        var grid = _pixels.Sample(seeds, ClassCount is null ? null : labels, default, sampling);
        var top = (float)(_pixels.Levels - 1);
        var image = new float[grid.Length];
        for (var i = 0; i < grid.Length; i++)
        {
            image[i] = grid[i] / top;   // as TorchSharp's PixelCnnLikelihood.ToImages
        }

        return image;
    }

    private protected override void Dispose(bool disposing) => _pixels.Dispose();
}
