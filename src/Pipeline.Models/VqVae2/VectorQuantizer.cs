namespace Pipeline.Models.VqVae2;

/// <summary>
/// The vector quantiser of VQ-VAE (van den Oord et al. 2017) with the exponential-moving-average codebook of its
/// appendix A.1, as VQ-VAE-2 (Razavi et al. 2019) trains it. Input z (B, D, H, W); each of the B·H·W vectors is
/// replaced by its nearest code e_k, k = argmin_k ‖z − e_k‖² (eq. 1–2). Outputs:
/// <list type="bullet">
/// <item>Quantized (B, D, H, W): z + sg(e_k − z), the straight-through estimator, so the decoder's gradient reaches the encoder unchanged;</item>
/// <item>CommitmentLoss (scalar): β‖z − sg(e_k)‖², mean over elements (eq. 3's third term; the codebook term is replaced by the EMA);</item>
/// <item>Codes (B, H, W) int64.</item>
/// </list>
/// <para>
/// The codebook lives in buffers (<c>codebook</c> (K, D), <c>cluster_size</c> (K), <c>code_sum</c> (K, D)) and is
/// changed only in training mode: N_k ← γN_k + (1 − γ)n_k, m_k ← γm_k + (1 − γ)Σ z assigned to k, e_k = m_k / Ñ_k with
/// the Laplace-smoothed Ñ_k = (N_k + ε) / (n + Kε) · n, n = Σ N_k. A code whose usage N_k falls below the dead-code
/// threshold is restarted at a random vector of the current batch (N_k = 1, m_k = that vector), which also serves as
/// the data-dependent initialisation: every code starts with N_k = 1, and those the first batch leaves unused move
/// onto its encoder outputs at once.
/// </para>
/// </summary>
public sealed class VectorQuantizer : Module<Tensor, (Tensor Quantized, Tensor CommitmentLoss, Tensor Codes)>
{
    private readonly Tensor codebook;

    [TorchSharp.Utils.ComponentName(Name = "cluster_size")]
    private readonly Tensor clusterSize;

    [TorchSharp.Utils.ComponentName(Name = "code_sum")]
    private readonly Tensor codeSum;

    /// <summary>A codebook of <paramref name="codebookSize"/> codes of dimension <paramref name="codeDim"/>, initialised N(0, 1).</summary>
    public VectorQuantizer(int codebookSize, int codeDim, double commitmentCost = 0.25, double decay = 0.99,
        double epsilon = 1e-5, double deadCodeThreshold = 1.0) : base(nameof(VectorQuantizer))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(codebookSize, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(codeDim, 1);
        CodebookSize = codebookSize;
        CodeDim = codeDim;
        CommitmentCost = commitmentCost;
        Decay = decay;
        Epsilon = epsilon;
        DeadCodeThreshold = deadCodeThreshold;
        codebook = randn(codebookSize, codeDim);
        clusterSize = ones(codebookSize);
        codeSum = codebook.clone();
        RegisterComponents();
    }

    /// <summary>K.</summary>
    public int CodebookSize { get; }

    /// <summary>D.</summary>
    public int CodeDim { get; }

    /// <summary>β.</summary>
    public double CommitmentCost { get; }

    /// <summary>γ.</summary>
    public double Decay { get; }

    /// <summary>ε of the Laplace smoothing.</summary>
    public double Epsilon { get; }

    /// <summary>EMA usage below which a code is restarted.</summary>
    public double DeadCodeThreshold { get; }

    /// <summary>The code vectors e (K, D); a buffer, not a parameter.</summary>
    public Tensor Codebook => codebook;

    /// <summary>The EMA of vectors assigned to each code per batch, N (K).</summary>
    public Tensor ClusterSize => clusterSize;

    /// <summary>The EMA of the sum of vectors assigned to each code, m (K, D).</summary>
    public Tensor CodeSum => codeSum;

    /// <summary>Codes restarted by the last training forward.</summary>
    public int LastRestartCount { get; private set; }

    /// <inheritdoc />
    public override (Tensor Quantized, Tensor CommitmentLoss, Tensor Codes) forward(Tensor z)
    {
        RequireInput(z);
        using var scope = NewDisposeScope();
        var (b, h, w) = (z.shape[0], z.shape[2], z.shape[3]);
        var flat = z.permute(0, 2, 3, 1).reshape(-1, CodeDim);          // (N, D)
        var codes = NearestCodes(flat);                                  // (N)
        var quantized = Lookup(codes).reshape(b, h, w, CodeDim).permute(0, 3, 1, 2); // (B, D, H, W), the codebook before this step's update
        if (training)
        {
            UpdateCodebook(flat.detach(), codes);
        }

        var commitment = functional.mse_loss(z, quantized.detach()) * CommitmentCost;
        var straightThrough = z + (quantized - z).detach();
        return (straightThrough.MoveToOuterDisposeScope(), commitment.MoveToOuterDisposeScope(), codes.reshape(b, h, w).MoveToOuterDisposeScope());
    }

    /// <summary>
    /// argmin_k ‖z − e_k‖² for rows z of <paramref name="flat"/> (N, D) → (N) int64. ‖z‖² is the same for every k, so
    /// it is left out: argmin_k (‖e_k‖² − 2 z·e_k), the very expression the ONNX export computes, so both agree on ties.
    /// </summary>
    public Tensor NearestCodes(Tensor flat)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var distances = codebook.pow(2).sum(1).unsqueeze(0) - 2 * flat.detach().matmul(codebook.t()); // (N, K)
        return distances.argmin(1).MoveToOuterDisposeScope();
    }

    /// <summary>Code vectors for int64 codes of any shape (…) → (…, D).</summary>
    public Tensor Lookup(Tensor codes)
    {
        using var scope = NewDisposeScope();
        var shape = codes.shape.Append(CodeDim).ToArray();
        return codebook.index_select(0, codes.reshape(-1)).reshape(shape).MoveToOuterDisposeScope();
    }

    /// <summary>Code grids (B, H, W) → their vectors (B, D, H, W), after checking the codes are in the codebook.</summary>
    public Tensor Embed(Tensor codes, string level)
    {
        RequireCodes(codes, level);
        return Lookup(codes).permute(0, 3, 1, 2);
    }

    /// <summary>Throws a clear <see cref="ArgumentException"/> when <paramref name="codes"/> are not int64 (B, H, W) grids of codes below K.</summary>
    public void RequireCodes(Tensor codes, string level)
    {
        if (codes.dtype != ScalarType.Int64 || codes.dim() != 3)
        {
            throw new ArgumentException($"{level} codes must be an int64 grid (batch, height, width); got {codes.dtype} [{string.Join(", ", codes.shape)}].", nameof(codes));
        }

        if (codes.numel() == 0)
        {
            return;
        }

        var (min, max) = (codes.min().item<long>(), codes.max().item<long>());
        if (min < 0 || max >= CodebookSize)
        {
            throw new ArgumentException($"{level} codes must lie in [0, {CodebookSize}) (the codebook size); found values from {min} to {max}.", nameof(codes));
        }
    }

    // van den Oord et al. 2017, appendix A.1, eq. 6–8, then Jukebox-style restarts of dead codes.
    private void UpdateCodebook(Tensor flat, Tensor codes)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var oneHot = functional.one_hot(codes, CodebookSize).to_type(flat.dtype); // (N, K)
        clusterSize.mul_(Decay).add_(oneHot.sum(dim: 0), alpha: 1 - Decay);
        codeSum.mul_(Decay).add_(oneHot.t().matmul(flat), alpha: 1 - Decay);
        var n = clusterSize.sum();
        var smoothed = (clusterSize + Epsilon) / (n + CodebookSize * Epsilon) * n;
        codebook.copy_(codeSum / smoothed.unsqueeze(1));

        var dead = (clusterSize < DeadCodeThreshold).nonzero().reshape(-1);
        LastRestartCount = (int)dead.shape[0];
        if (LastRestartCount > 0)
        {
            // Distinct rows where the batch has enough: two codes restarted at one vector would tie exactly forever.
            var rows = flat.shape[0] >= LastRestartCount
                ? randperm(flat.shape[0], device: flat.device)[..LastRestartCount]
                : randint(flat.shape[0], [LastRestartCount], dtype: ScalarType.Int64, device: flat.device);
            var picks = flat.index_select(0, rows);                                                // (dead, D)
            codebook.index_copy_(0, dead, picks);
            codeSum.index_copy_(0, dead, picks);
            clusterSize.index_fill_(0, dead, 1.0);
        }
    }

    private void RequireInput(Tensor z)
    {
        if (z.dim() != 4 || z.shape[1] != CodeDim)
        {
            throw new ArgumentException($"The quantiser takes (batch, {CodeDim}, height, width) vectors; got [{string.Join(", ", z.shape)}].", nameof(z));
        }
    }
}
