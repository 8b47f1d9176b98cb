using Microsoft.ML.OnnxRuntime;
using Pipeline.Onnx.Sampling;

namespace Pipeline.MLNet.Sampling;

/// <summary>
/// The pinned buffers of one batch size that a sampler allocates once and reuses for every position: the grids, the
/// labels and condition of every Run and the run options. Guided, each Run holds the batch twice, the second half with
/// the "no class" label and the same grids and condition, so one Run gives both logits.
/// </summary>
internal abstract class SamplingWorkspace : IDisposable
{
    private readonly List<OrtValue> _values = [];

    protected SamplingWorkspace(AutoregressiveModel model, int count, bool guided)
    {
        Model = model;
        Count = count;
        Guided = guided;
        Runs = guided ? 2 * count : count;
        Grid = new long[count * model.Size];
        Labels = new long[model.ClassCount is null ? 0 : Runs];
        Condition = new long[model.Condition is { } c ? Runs * c.Size : 0];
    }

    /// <summary>Grids of the batch.</summary>
    public int Count { get; }

    /// <summary>Whether each Run also holds the unconditional rows.</summary>
    public bool Guided { get; }

    /// <summary>The batch's grids (N, H, W), drawn in place.</summary>
    public long[] Grid { get; }

    protected AutoregressiveModel Model { get; }

    /// <summary>Rows of every Run: the batch, twice when guided.</summary>
    protected int Runs { get; }

    /// <summary>Each Run row's label (the "no class" label in the guided second half).</summary>
    protected long[] Labels { get; }

    /// <summary>Each Run row's condition grid (Runs, Hc, Wc).</summary>
    protected long[] Condition { get; }

    protected RunOptions RunOptions { get; } = new();

    /// <summary>Clears the grids and loads the labels and condition grids of the batch starting at <paramref name="start"/>.</summary>
    public virtual void Load(IReadOnlyList<long>? labels, int start, ReadOnlySpan<long> condition)
    {
        Array.Clear(Grid);
        for (var b = 0; b < Labels.Length; b++)
        {
            Labels[b] = b < Count ? labels![start + b] : Model.UnconditionalLabel!.Value;
        }

        condition.CopyTo(Condition);
        if (Guided)
        {
            condition.CopyTo(Condition.AsSpan(condition.Length));
        }
    }

    /// <summary>Draws every position of the grids, each grid from its own stream.</summary>
    public abstract void Draw(Random[] streams, CategoricalSampling sampling, SamplerProfile? profile);

    public virtual void Dispose()
    {
        RunOptions.Dispose();
        foreach (var value in _values)
        {
            value.Dispose();
        }
    }

    /// <summary>A tensor over the front of <paramref name="buffer"/>, pinned: ONNX Runtime reads and writes it in place.</summary>
    protected OrtValue Pinned<T>(T[] buffer, long[] shape)
        where T : unmanaged
    {
        var length = (int)shape.Aggregate(1L, (product, d) => product * d);
        var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(0, length), shape);
        _values.Add(value);
        return value;
    }
}
