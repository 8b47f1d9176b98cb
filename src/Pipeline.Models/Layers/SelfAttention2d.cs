namespace Pipeline.Models.Layers;

/// <summary>
/// The self-attention block of SAGAN (Zhang et al. 2019, section 3, eq. 1–3, with h mapping to C channels as in the
/// paper's first version): 1×1 convolutions f and g (C → C/8) and h (C → C); for positions i, j of the N = H·W,
/// s_ij = f(x_i)ᵀ g(x_j), β_j,i = softmax_i(s_ij), o_j = Σ_i β_j,i h(x_i); y = γ·o + x with γ a learned scalar that
/// starts at 0, so the block begins as the identity. Keys: <c>f.*</c>, <c>g.*</c>, <c>h.*</c>, <c>gamma</c> (1).
/// The convolutions are spectrally normalised when asked (as SAGAN does in both networks).
/// </summary>
public sealed class SelfAttention2d : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> f;
    private readonly Module<Tensor, Tensor> g;
    private readonly Module<Tensor, Tensor> h;
    private readonly Parameter gamma;

    /// <summary>Attention over <paramref name="channels"/>-channel feature maps (at least 8 channels).</summary>
    public SelfAttention2d(long channels, bool spectralNorm) : base(nameof(SelfAttention2d))
    {
        if (channels < 8)
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "Self-attention needs at least 8 channels (f and g map to C/8).");
        }

        f = Pointwise(channels, channels / 8, spectralNorm);
        g = Pointwise(channels, channels / 8, spectralNorm);
        h = Pointwise(channels, channels, spectralNorm);
        gamma = Parameter(zeros(1));
        RegisterComponents();
    }

    /// <summary>The learned residual weight γ (starts at 0).</summary>
    public Parameter Gamma => gamma;

    /// <summary>f, g, h: 1×1 convolutions (plain Conv2d or <see cref="SpectralNorm"/>).</summary>
    public (Module<Tensor, Tensor> F, Module<Tensor, Tensor> G, Module<Tensor, Tensor> H) Projections => (f, g, h);

    /// <summary>x (B, C, H, W) → (B, C, H, W).</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var shape = input.shape;
        var query = f.call(input).flatten(2);                          // (B, C/8, N)
        var key = g.call(input).flatten(2);                            // (B, C/8, N)
        var value = h.call(input).flatten(2);                          // (B, C, N)
        var attention = functional.softmax(query.transpose(1, 2).bmm(key), 1); // (B, N_i, N_j), normalised over i
        var attended = value.bmm(attention).reshape(shape);            // (B, C, H, W)
        return (gamma * attended + input).MoveToOuterDisposeScope();
    }

    private static Module<Tensor, Tensor> Pointwise(long input, long output, bool spectralNorm) =>
        spectralNorm ? SpectralNorm.Conv2d(input, output, 1) : Conv2d(input, output, 1);
}
