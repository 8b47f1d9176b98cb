using Microsoft.ML.OnnxRuntime;
using Pipeline.Models.VqVae2;
using Pipeline.Onnx.Optimization;

namespace Pipeline.Export.Families;

/// <summary>
/// The exported encoder's contract, checked code by code: every code ONNX Runtime returns is a nearest code of
/// TorchSharp's encoder output at that position, up to float rounding. Index parity alone cannot say this: where two
/// codes are equidistant (flat backgrounds; codes restarted at nearly equal encoder outputs) an ulp of difference in
/// the convolutions may pick either. The bottom level is checked against the TorchSharp encoder conditioned on the
/// top codes ONNX Runtime chose, so a legitimate top flip is not counted again below.
/// </summary>
internal static class VqVae2CodeCheck
{
    /// <summary>Relative slack: a chosen code may be farther than the nearest by at most this fraction of ‖z‖² (at least 1e-4 absolute).</summary>
    public const double RelativeSlack = 1e-4;

    /// <summary>Throws <see cref="OnnxVerificationException"/> naming the level and the worst excess distance when a code is not a nearest one.</summary>
    public static void Check(VqVae2Autoencoder model, string encoderPath, IEnumerable<Tensor> batches)
    {
        using var session = new InferenceSession(encoderPath);
        using var modes = Pipeline.Models.ModuleModes.Eval(model);
        foreach (var images in batches)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var (top, bottom) = Run(session, images, model.Options);
            var features = model.EncoderBottom.call(images);                                       // (B, hidden, b, b)
            var topZ = model.QuantizeConvTop.call(model.EncoderTop.call(features));                 // (B, D, t, t)
            Require(model.QuantizeTop, topZ, top, VqVae2Autoencoder.TopLevel, encoderPath);
            var conditioned = cat([model.DecoderTop.call(model.QuantizeTop.Embed(top, VqVae2Autoencoder.TopLevel)), features], 1);
            var bottomZ = model.QuantizeConvBottom.call(conditioned);                              // (B, D, b, b)
            Require(model.QuantizeBottom, bottomZ, bottom, VqVae2Autoencoder.BottomLevel, encoderPath);
        }
    }

    private static void Require(VectorQuantizer quantizer, Tensor z, Tensor codes, string level, string path)
    {
        var flat = z.permute(0, 2, 3, 1).reshape(-1, quantizer.CodeDim).to_type(ScalarType.Float64);     // (N, D)
        var codebook = quantizer.Codebook.to_type(ScalarType.Float64);                                      // (K, D)
        var norms = flat.pow(2).sum(1, keepdim: true);                                                      // (N, 1)
        var distances = norms + codebook.pow(2).sum(1).unsqueeze(0) - 2 * flat.matmul(codebook.t());      // (N, K)
        var chosen = distances.gather(1, codes.reshape(-1, 1)).squeeze(1);
        var excess = chosen - distances.min(1).values;                                                      // ≥ 0
        var allowed = (norms.squeeze(1) * RelativeSlack).clamp_min(RelativeSlack);
        var bad = (excess > allowed).sum().item<long>();
        if (bad > 0)
        {
            throw new OnnxVerificationException(
                $"{path}: {bad} of {flat.shape[0]} {level} codes from ONNX Runtime are not a nearest code of TorchSharp's encoder output " +
                $"(largest excess squared distance {excess.max().item<double>():G3}); the file was removed.");
        }
    }

    private static (Tensor Top, Tensor Bottom) Run(InferenceSession session, Tensor images, VqVae2Options o)
    {
        var input = images.detach().cpu().contiguous();
        using var value = OrtValue.CreateTensorValueFromMemory(input.data<float>().ToArray(), input.shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["image"], [value], [VqVae2OnnxExport.TopCodes, VqVae2OnnxExport.BottomCodes]);
        var batch = input.shape[0];
        return (tensor(outputs[0].GetTensorDataAsSpan<long>().ToArray(), [batch, o.TopGrid, o.TopGrid]),
            tensor(outputs[1].GetTensorDataAsSpan<long>().ToArray(), [batch, o.BottomGrid, o.BottomGrid]));
    }
}
