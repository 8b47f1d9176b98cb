using TorchSharp.Utils;

namespace Pipeline.Models.Layers;

/// <summary>Which layer a <see cref="SpectralNorm"/> computes with its normalised weight.</summary>
public enum SpectralNormLayer
{
    /// <summary>y = x Wᵀ + b, W of shape (out, in).</summary>
    Linear,

    /// <summary>A 2-D convolution, W of shape (out, in, k, k), zero padding, no dilation or groups.</summary>
    Conv2d,
}

/// <summary>
/// A linear or convolutional layer whose weight is divided by its largest singular value (spectral normalisation,
/// Miyato et al. 2018, Algorithm 1), so that the layer is 1-Lipschitz.
/// <para>
/// Structure (kept deliberately flat for exporters): parameters <c>weight_orig</c> (the unnormalised weight, shaped
/// as the plain layer's <c>weight</c>) and <c>bias</c>, and a buffer <c>weight_u</c> (out), the running estimate of the
/// first left singular vector of W_mat = weight_orig.reshape(out, −1). The normalised weight is
/// W / σ with σ = ‖W_matᵀ u‖₂, which equals uᵀ W_mat v for v = W_matᵀ u / ‖W_matᵀ u‖ (the paper's estimate).
/// In training mode every forward first runs one power iteration, u ← normalise(W_mat normalise(W_matᵀ u)), without
/// gradient; in eval mode u is used as stored. <see cref="NormalizedWeight"/> returns W / σ, so an exporter can
/// replace this module by a plain Linear/Conv2d with that weight and <see cref="Bias"/>. A bfloat16 input is
/// multiplied by the normalised weight cast to bfloat16; the power iteration and σ stay in fp32.
/// </para>
/// </summary>
public sealed class SpectralNorm : Module<Tensor, Tensor>
{
    private const double Epsilon = 1e-12;

    [ComponentName(Name = "weight_orig")]
    private readonly Parameter weightOrig;

    [ComponentName(Name = "bias")]
    private readonly Parameter? bias;

    [ComponentName(Name = "weight_u")]
    private readonly Tensor weightU;

    private SpectralNorm(SpectralNormLayer layer, Tensor weight, Tensor? bias, long stride, long padding) : base(nameof(SpectralNorm))
    {
        Layer = layer;
        Stride = stride;
        Padding = padding;
        weightOrig = new Parameter(weight.detach().clone());
        this.bias = bias is null ? null : new Parameter(bias.detach().clone());
        weightU = functional.normalize(randn(weight.shape[0]), dim: 0);
        RegisterComponents();
    }

    /// <summary>A spectrally normalised <c>Conv2d(inChannels, outChannels, kernelSize, stride, padding)</c>, initialised as TorchSharp's Conv2d.</summary>
    public static SpectralNorm Conv2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, bool bias = true)
    {
        using var plain = nn.Conv2d(inChannels, outChannels, kernelSize, stride: stride, padding: padding, bias: bias);
        return new SpectralNorm(SpectralNormLayer.Conv2d, plain.weight!, plain.bias, stride, padding);
    }

    /// <summary>A spectrally normalised <c>Linear(inFeatures, outFeatures)</c>, initialised as TorchSharp's Linear.</summary>
    public static SpectralNorm Linear(long inFeatures, long outFeatures, bool bias = true)
    {
        using var plain = nn.Linear(inFeatures, outFeatures, hasBias: bias);
        return new SpectralNorm(SpectralNormLayer.Linear, plain.weight, plain.bias, 1, 0);
    }

    /// <summary>Linear or Conv2d.</summary>
    public SpectralNormLayer Layer { get; }

    /// <summary>Convolution stride (1 for Linear).</summary>
    public long Stride { get; }

    /// <summary>Convolution zero padding on every side (0 for Linear).</summary>
    public long Padding { get; }

    /// <summary>The unnormalised weight W: (out, in) or (out, in, k, k).</summary>
    public Parameter WeightOrig => weightOrig;

    /// <summary>The bias, or null.</summary>
    public Parameter? Bias => bias;

    /// <summary>The stored left singular vector estimate u, shape (out).</summary>
    public Tensor U => weightU;

    /// <summary>Output features or channels.</summary>
    public long OutFeatures => weightOrig.shape[0];

    /// <summary>Input features or channels.</summary>
    public long InFeatures => weightOrig.shape[1];

    /// <summary>Kernel height and width (1 for Linear).</summary>
    public long KernelSize => Layer == SpectralNormLayer.Conv2d ? weightOrig.shape[2] : 1;

    /// <summary>
    /// W / σ with σ = ‖W_matᵀ u‖ for the stored u, differentiable in W. Call <see cref="PowerIteration"/> first to
    /// refine u; the forward does so in training mode.
    /// </summary>
    public Tensor NormalizedWeight()
    {
        using var scope = NewDisposeScope();
        var matrix = weightOrig.reshape(weightOrig.shape[0], -1); // (out, in·k·k)
        var sigma = matrix.t().matmul(weightU.clone()).norm();    // (); u is copied: later forwards update it in place
        return (weightOrig / sigma).MoveToOuterDisposeScope();
    }

    /// <summary>The current estimate of the largest singular value of W_mat, ‖W_matᵀ u‖.</summary>
    public double SigmaEstimate()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return weightOrig.reshape(weightOrig.shape[0], -1).t().matmul(weightU).norm().item<float>();
    }

    /// <summary>One power iteration u ← normalise(W_mat normalise(W_matᵀ u)), in place, without gradient.</summary>
    public void PowerIteration()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var matrix = weightOrig.reshape(weightOrig.shape[0], -1);
        var v = functional.normalize(matrix.t().matmul(weightU), dim: 0, eps: Epsilon);
        weightU.copy_(functional.normalize(matrix.matmul(v), dim: 0, eps: Epsilon));
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        if (training)
        {
            PowerIteration();
        }

        using var scope = NewDisposeScope();
        var weight = LowPrecision.As(NormalizedWeight(), input.dtype);  // σ in fp32; the product in the input's precision
        var b = bias is null ? null : LowPrecision.As(bias, input.dtype);
        var output = Layer == SpectralNormLayer.Linear
            ? functional.linear(input, weight, b)
            : functional.conv2d(input, weight, b, strides: [Stride], padding: [Padding]);
        return output.MoveToOuterDisposeScope();
    }
}
