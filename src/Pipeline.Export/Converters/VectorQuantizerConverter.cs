using Pipeline.Models.VqVae2;

namespace Pipeline.Export.Converters;

/// <summary>
/// VQ-VAE's quantiser as ArgMin + Gather: z (B, D, H, W) → [quantised (B, D, H, W), codes (B, H, W) int64]. The
/// distances are ‖e_k‖² − 2 z·e_k, the expression <see cref="VectorQuantizer.NearestCodes"/> uses (‖z‖² is the same for
/// every k), so both choose the same code; the commitment loss is a training quantity and is not exported.
/// </summary>
public static class VectorQuantizerConverter
{
    /// <summary>Registers the converter.</summary>
    public static void Register(ConverterRegistry registry) => registry.Register<VectorQuantizer>(Convert);

    /// <summary>
    /// The code vectors of int64 codes (B, H, W) as (B, D, H, W): Gather on the codebook, then channels first. The
    /// codebook becomes the buffer <paramref name="bufferName"/> under the current path.
    /// </summary>
    public static string Embed(ExportContext context, VectorQuantizer quantizer, string codes, string bufferName = "codebook")
    {
        var codebook = context.Buffer(bufferName, quantizer.Codebook);                  // (K, D)
        return context.Graph.Transpose(context.Graph.Gather(codebook, codes, 0), [0, 3, 1, 2]);
    }

    private static IReadOnlyList<string> Convert(ExportContext context, VectorQuantizer quantizer, IReadOnlyList<string> inputs)
    {
        var graph = context.Graph;
        var shape = graph.RequireShape(inputs[0]);                                     // (B, D, H, W)
        var (height, width) = (shape[2], shape[3]);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var squaredNorms = context.Buffer("codebook_squared_norms", quantizer.Codebook.pow(2).sum(1).unsqueeze(0)); // (1, K)
        var transposed = context.Buffer("codebook_transposed", quantizer.Codebook.t().contiguous());               // (D, K)
        // Rows stay grouped per image, (B, H·W, D): a flat (B·H·W, D) would get the symbolic batch as its first
        // dimension from the builder's shape tracking, which ONNX Runtime then holds to the batch size.
        var rows = graph.Reshape(graph.Transpose(inputs[0], [0, 2, 3, 1]), [0, height * width, quantizer.CodeDim]); // (B, H·W, D)
        var products = graph.Mul(graph.MatMul(rows, transposed), graph.Constant([2f]));                             // (B, H·W, K)
        var nearest = graph.ArgMin(graph.Sub(squaredNorms, products), 2, keepDims: false);                          // (B, H·W)
        var codes = graph.Reshape(nearest, [0, height, width]);                                                      // (B, H, W)
        return [Embed(context, quantizer, codes), codes];
    }
}
