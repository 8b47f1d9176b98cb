using Pipeline.Export.Cards;
using Pipeline.Models.Vae;

namespace Pipeline.Export.Families;

/// <summary>What a VAE export's card says about the model and its two files; the caller adds the training history.</summary>
public static class VaeModelCard
{
    public static ModelCard Create(VaeOptions o, VaeOnnxFiles files, string runId) => new ModelCard()
        .Heading($"VAE `{runId}`", level: 1)
        .Paragraph($"A variational autoencoder (Kingma and Welling 2014): {o.Architecture} networks, {o.Channels}x{o.ImageSize}x{o.ImageSize} images in [0, 1], a {o.LatentSize}-dimensional latent with diagonal Gaussian posterior, {o.Likelihood} decoder likelihood, hidden width {o.HiddenSize}.")
        .Files(files.Encoder, files.Decoder)
        .Paragraph($"The decoder's output is the Bernoulli mean sigmoid(logits), an image in [0, 1]; the encoder returns the posterior mean and log-variance. Sample a latent as z = mean + exp(log_var / 2) · ε. Batch size is dynamic (`batch`). ONNX opset {files.Encoder.Opset}; verified with ONNX Runtime against TorchSharp's eval-mode forward on batches [{string.Join(", ", files.Encoder.BatchSizes)}], tolerance 1e-4, including real test images.");
}
