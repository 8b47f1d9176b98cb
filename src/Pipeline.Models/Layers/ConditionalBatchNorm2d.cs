namespace Pipeline.Models.Layers;

/// <summary>
/// Conditional batch normalisation (de Vries et al. 2017; Miyato and Koyama 2018, section 4): batch normalisation
/// without its own affine parameters, followed by a per-class scale γ_y and shift β_y looked up in two embeddings.
/// γ starts at 1 and β at 0, so an untrained layer is plain batch normalisation. Checkpoint keys: <c>norm.*</c>
/// (running mean/var), <c>gamma.weight</c> (classes, C), <c>beta.weight</c> (classes, C).
/// </summary>
public sealed class ConditionalBatchNorm2d : Module<Tensor, Tensor, Tensor>
{
    private readonly BatchNorm2d norm;
    private readonly Embedding gamma;
    private readonly Embedding beta;

    /// <summary>Normalises <paramref name="channels"/> channels with one (γ, β) pair per class.</summary>
    public ConditionalBatchNorm2d(long channels, long classCount) : base(nameof(ConditionalBatchNorm2d))
    {
        norm = BatchNorm2d(channels, affine: false);
        gamma = Embedding(classCount, channels);
        beta = Embedding(classCount, channels);
        using (no_grad())
        {
            gamma.weight!.fill_(1.0);
            beta.weight!.zero_();
        }

        RegisterComponents();
    }

    /// <summary>The normalisation without affine parameters (its running statistics are buffers).</summary>
    public BatchNorm2d Norm => norm;

    /// <summary>γ per class, weight (classes, C).</summary>
    public Embedding Gamma => gamma;

    /// <summary>β per class, weight (classes, C).</summary>
    public Embedding Beta => beta;

    /// <summary>x (B, C, H, W), labels (B) int64 → (B, C, H, W).</summary>
    public override Tensor forward(Tensor input, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var normalised = norm.call(input);                   // (B, C, H, W)
        var scale = gamma.call(labels).unsqueeze(-1).unsqueeze(-1); // (B, C, 1, 1)
        var shift = beta.call(labels).unsqueeze(-1).unsqueeze(-1);
        return (normalised * scale + shift).MoveToOuterDisposeScope();
    }
}
