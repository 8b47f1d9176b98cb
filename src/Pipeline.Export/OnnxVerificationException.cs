namespace Pipeline.Export;

/// <summary>ONNX Runtime's result differs from TorchSharp's, or the model does not run; nothing was written.</summary>
public sealed class OnnxVerificationException : Exception
{
    /// <summary>Creates the error.</summary>
    public OnnxVerificationException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
