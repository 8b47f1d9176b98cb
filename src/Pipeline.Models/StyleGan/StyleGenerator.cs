using TorchSharp.Utils;

namespace Pipeline.Models.StyleGan;

/// <summary>
/// The StyleGAN2 generator G = g ∘ f (Karras et al. 2020): the <see cref="MappingNetwork"/> f turns z (and a label) into
/// w, which is broadcast to the L inputs of the <see cref="SynthesisNetwork"/> g (or mixed with another w's layers,
/// <see cref="Mix"/>). The forward is <see cref="Generate"/> with truncation 1: (z (B, Z), labels (B) int64 or null)
/// → image (B, C, S, S), unbounded, trained against data in [−1, 1].
/// <para>
/// Truncation (Karras et al. 2019, §5.2, eq. 3): w′ = w̄ + ψ(w − w̄), with w̄ the running mean of w kept in the
/// buffer <c>w_avg</c>. A conditional generator keeps one centre per class and truncates towards the label's own:
/// towards the global mean, samples of every class would be pulled to an average of all classes (an average garment)
/// and lose the class at small ψ; towards the class's centre they keep it.
/// </para>
/// <para>Keys: <c>mapping.*</c>, <c>synthesis.*</c>, buffer <c>w_avg</c> (max(classes, 1), W).</para>
/// </summary>
public sealed class StyleGenerator : Module<Tensor, Tensor?, Tensor>
{
    private readonly MappingNetwork mapping;
    private readonly SynthesisNetwork synthesis;

    [ComponentName(Name = "w_avg")]
    private readonly Tensor wAverage;

    /// <summary>Builds an untrained generator (w̄ = 0).</summary>
    public StyleGenerator(StyleGanOptions options) : base(nameof(StyleGenerator))
    {
        options.Validate();
        Options = options;
        mapping = new MappingNetwork(options);
        synthesis = new SynthesisNetwork(options);
        wAverage = zeros(Math.Max(options.ClassCount, 1), options.StyleSize);
        RegisterComponents();
    }

    /// <summary>The options it was built from.</summary>
    public StyleGanOptions Options { get; }

    /// <summary>f: (z, labels) → w.</summary>
    public MappingNetwork Mapping => mapping;

    /// <summary>g: ws → image.</summary>
    public SynthesisNetwork Synthesis => synthesis;

    /// <summary>w̄ per class (max(classes, 1), W): row 0 for an unconditional generator.</summary>
    public Tensor WAverage => wAverage;

    /// <summary>
    /// Whether ψ is a truncation this project draws with: [−1, 1] (1: none, 0: the (class) mean w, below 0: the
    /// mirror image through the mean, as StyleGAN's Figure 8 shows). One rule for every caller.
    /// </summary>
    public static bool IsTruncation(double psi) => double.IsFinite(psi) && psi is >= -1 and <= 1;

    /// <summary>(z, labels) → image with truncation 1.</summary>
    public override Tensor forward(Tensor z, Tensor? labels) => Generate(z, labels);

    /// <summary>
    /// ws (B, L, W): w = f(z, labels), truncated towards w̄ of each label (row 0 when unconditional) by
    /// <paramref name="truncation"/> ψ, repeated for every one of the L synthesis inputs.
    /// </summary>
    public Tensor Map(Tensor z, Tensor? labels, double truncation = 1.0)
    {
        using var scope = NewDisposeScope();
        var w = mapping.call(z, labels);                                             // (B, W)
        if (truncation != 1.0)
        {
            w = Truncate(w, labels, tensor((float)truncation, device: z.device));
        }

        return Broadcast(w).MoveToOuterDisposeScope();                               // (B, L, W)
    }

    /// <summary>
    /// w′ = w̄ + ψ(w − w̄) (Karras et al. 2019, eq. 3) with w̄ the centre of each label (row 0 when unconditional):
    /// w (B, W), <paramref name="truncation"/> ψ a tensor broadcastable to (B, W) (a scalar, or one value per sample
    /// as (B, 1)) → (B, W).
    /// </summary>
    public Tensor Truncate(Tensor w, Tensor? labels, Tensor truncation)
    {
        using var scope = NewDisposeScope();
        var centre = wAverage.index_select(0, ClassRows(labels, w.shape[0], w.device)); // (B, W)
        return (centre + (truncation * (w - centre))).MoveToOuterDisposeScope();
    }

    /// <summary>One w (B, W) repeated for every synthesis input: ws (B, L, W).</summary>
    public Tensor Broadcast(Tensor w) => w.unsqueeze(1).repeat(1, Options.StyleCount, 1);

    /// <summary>ws (B, L, W) → image (B, C, S, S).</summary>
    public Tensor Synthesize(Tensor ws) => synthesis.call(ws);

    /// <summary>(z, labels) → image (B, C, S, S) through <see cref="Map"/> with <paramref name="truncation"/> ψ.</summary>
    public Tensor Generate(Tensor z, Tensor? labels, double truncation = 1.0)
    {
        using var scope = NewDisposeScope();
        return Synthesize(Map(z, labels, truncation)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Moves w̄ of every class present in the batch towards that class's mean w: w̄ ← β·w̄ + (1 − β)·mean (StyleGAN's
    /// w_avg_beta, 0.995); classes absent from the batch keep theirs. w (B, W), labels (B) or null. No gradient.
    /// </summary>
    public void TrackAverage(Tensor w, Tensor? labels, double beta)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(beta);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(beta, 1.0);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var members = functional.one_hot(ClassRows(labels, w.shape[0], w.device), wAverage.shape[0]).to(w.dtype); // (B, K)
        var counts = members.sum([0]);                                                // (K)
        var means = members.t().matmul(w.detach()) / counts.clamp_min(1).unsqueeze(1); // (K, W)
        var moved = (beta * wAverage) + ((1 - beta) * means);
        wAverage.copy_(where(counts.unsqueeze(1) > 0, moved, wAverage));
    }

    /// <summary>
    /// Style mixing (Karras et al. 2019, §3.1): the layers of index below <paramref name="crossover"/> take their w
    /// from <paramref name="wsA"/> (coarse styles: pose, shape), the rest from <paramref name="wsB"/> (finer styles).
    /// Both (B, L, W); crossover in [0, L].
    /// </summary>
    public static Tensor Mix(Tensor wsA, Tensor wsB, int crossover)
    {
        if (!wsA.shape.SequenceEqual(wsB.shape) || wsA.dim() != 3)
        {
            throw new ArgumentException($"Style mixing expects two ws of the same shape (batch, L, W), got ({string.Join(", ", wsA.shape)}) and ({string.Join(", ", wsB.shape)}).", nameof(wsB));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(crossover);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(crossover, (int)wsA.shape[1]);
        return cat([wsA.narrow(1, 0, crossover), wsB.narrow(1, crossover, wsB.shape[1] - crossover)], 1);
    }

    // The w̄ row of each sample: its label when conditional, 0 otherwise.
    private Tensor ClassRows(Tensor? labels, long batch, Device device)
    {
        if (!Options.IsConditional)
        {
            return zeros(batch, ScalarType.Int64, device: device);
        }

        ArgumentNullException.ThrowIfNull(labels, "labels (a conditional generator needs one class per sample)");
        return labels.to(ScalarType.Int64);
    }
}
