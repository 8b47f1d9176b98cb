namespace Pipeline.Onnx;

/// <summary>
/// The names a VQ-VAE-2 export folder is read by: its files, the decoder's code-grid inputs and the model family.
/// The exporter (TorchSharp side) writes them and the ML.NET sampler reads them; both take them from here.
/// </summary>
public static class VqVae2ExportFolder
{
    public const string EncoderFile = "encoder.onnx";

    public const string DecoderFile = "decoder.onnx";

    public const string TopPriorFile = "top-prior.onnx";

    public const string BottomPriorFile = "bottom-prior.onnx";

    /// <summary>The encoder's outputs and the decoder's inputs: int64 code grids.</summary>
    public const string TopCodes = "top_codes", BottomCodes = "bottom_codes";

    /// <summary><c>pipeline.model_family</c> of every file in the folder.</summary>
    public const string ModelFamily = "vqvae2";
}
