using Pipeline.Onnx.Graph;
using TorchSharp;
using TorchSharp.Modules;
using static Pipeline.Export.Tests.ExportHarness;
using static TorchSharp.torch;

namespace Pipeline.Export.Tests;

/// <summary>
/// A project-style module described through the builder's composition helpers: nearest-codebook lookup
/// (MatMul, ArgMin, Gather, as in a VQ-VAE quantiser) followed by Split and Concat.
/// </summary>
[Collection(ProcessWideSeedCollection.Name)]
public sealed class CompositionTests
{
    [Fact]
    public void Argmin_gather_split_and_concat_match_torchsharp()
    {
        manual_seed(9);
        var registry = ConverterRegistry.CreateDefault();
        registry.Register<NearestCode>(ConvertNearestCode);

        var report = ExportChecked(new NearestCode(codes: 8, dim: 5), new OnnxExportOptions
        {
            OutputPath = NewPath("nearest-code"),
            Inputs = [OnnxTensorSpec.Batched("latent", 5)],
            OutputNames = ["quantized", "codes"],
            VerificationBatchSizes = [1, 7],
        }, registry);

        Assert.Equal(0, report.MaxAbsDifference["codes"]);
    }

    // argmin_k ‖x − c_k‖² = argmin_k (‖c_k‖² − 2 x·c_k): ‖x‖² is the same for every k.
    private static IReadOnlyList<string> ConvertNearestCode(ExportContext context, NearestCode module, IReadOnlyList<string> inputs)
    {
        var graph = context.Graph;
        var codebook = context.Parameter("codebook", module.Codebook);                      // (K, D)
        var squaredNorms = graph.Constant(module.Codebook.square().sum(1).data<float>().ToArray(), module.Codebook.shape[0]);
        var dot = graph.MatMul(inputs[0], graph.Transpose(codebook, [1, 0]));               // (B, K)
        var distance = graph.Add(graph.Mul(dot, graph.Constant([-2f])), squaredNorms);
        var codes = graph.ArgMin(distance, axis: 1, keepDims: false);                       // (B) int64
        var quantized = graph.Gather(codebook, codes, axis: 0);                             // (B, D)
        var halves = graph.Split(quantized, axis: 1, [2, 3]);
        var swapped = graph.Concat([halves[1], halves[0]], axis: 1);
        Assert.Equal([OnnxGraphBuilder.DynamicBatch, 5], graph.RequireShape(swapped));
        return new[] { swapped, codes };
    }

    private sealed class NearestCode : nn.Module<Tensor, (Tensor Quantized, Tensor Codes)>
    {
        private readonly Parameter codebook;

        public NearestCode(int codes, int dim) : base(nameof(NearestCode))
        {
            codebook = nn.Parameter(randn(codes, dim));
            RegisterComponents();
        }

        public Parameter Codebook => codebook;

        public override (Tensor Quantized, Tensor Codes) forward(Tensor latent)
        {
            var distance = (latent.unsqueeze(1) - codebook.unsqueeze(0)).square().sum(-1); // (B, K)
            var codes = distance.argmin(1);                                                // (B)
            var halves = codebook.index_select(0, codes).split([2, 3], 1);
            return (cat([halves[1], halves[0]], 1), codes);
        }
    }
}
