namespace Pipeline.Onnx.Optimization;

/// <summary>
/// ONNX Runtime's result differs from the reference (TorchSharp for an export, the original graph for a rewrite), or
/// the model does not run; nothing was written.
/// </summary>
public sealed class OnnxVerificationException : Exception
{
    /// <summary>Creates the error.</summary>
    public OnnxVerificationException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
