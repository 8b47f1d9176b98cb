namespace Pipeline.Models.PixelCnn;

/// <summary>
/// Cached evaluation of a <see cref="PixelCnn"/> for ancestral sampling (Ramachandran et al. 2017, "Fast Generation for
/// Convolutional Autoregressive Models"): <see cref="BeginRow"/> computes every layer's vertical stack at one row from the
/// rows above it, kept as state; <see cref="Step"/> then computes the horizontal stacks and the head at one position of
/// that row from the columns to its left, kept as state. A position thus costs one position of work instead of a band
/// of rows; the sums and their order are the whole network's, with the same zero padding.
/// </summary>
public sealed class PixelCnnCache : IDisposable
{
    private readonly PixelCnn _net;
    private readonly Tensor? _labels;
    private readonly Tensor? _condition;
    private readonly Tensor?[] _verticalState;     // layer l ≥ 1: v_{l−1} at the ⌈n/2⌉ − 1 rows above (B, p, ⌈n/2⌉ − 1, W)
    private readonly Tensor?[] _horizontalState;   // layer l ≥ 1: h_{l−1} at the ⌈n/2⌉ − 1 columns to the left (B, p, 1, ⌈n/2⌉ − 1)
    private readonly Tensor?[] _links;             // (B, 2p, 1, W): the vertical→horizontal link at the current row
    private readonly Tensor?[] _conditionLinks;    // (B, 2p, 1, W): the condition's share of the horizontal pre-activation
    private readonly long _batch;
    private long _row = -1;

    /// <param name="net">the network, in evaluation mode, gradients off</param>
    /// <param name="batch">grids sampled together</param>
    /// <param name="labels">(B) int64 when class-conditional</param>
    /// <param name="condition">(B, Hc, Wc) int64 when spatially conditioned</param>
    public PixelCnnCache(PixelCnn net, long batch, Tensor? labels, Tensor? condition)
    {
        _net = net;
        _batch = batch;
        _labels = labels;
        _condition = condition;
        var layers = net.Layers;
        var o = net.Options;
        _verticalState = layers.Select((layer, l) => l == 0 ? null : zeros([batch, o.Channels, layer.Vertical.Conv.weight!.shape[2] - 1, o.Width], device: layer.Vertical.Conv.weight!.device)).ToArray();
        _horizontalState = new Tensor?[layers.Count];
        _links = new Tensor?[layers.Count];
        _conditionLinks = new Tensor?[layers.Count];
    }

    /// <summary>Computes row <paramref name="row"/>'s vertical stacks from <paramref name="grid"/> (B, H, W), whose rows above are drawn; rows in order from 0.</summary>
    public void BeginRow(Tensor grid, long row)
    {
        using var scope = NewDisposeScope();
        if (row != _row + 1)
        {
            throw new InvalidOperationException($"Rows are cached in order: row {_row + 1} is next, not {row}.");
        }

        _row = row;
        var layers = _net.Layers;
        var first = Math.Max(0, row - layers[0].Vertical.Conv.weight!.shape[2] + 1);
        var map = _condition is null ? null : _net.ConditionMap(_condition, row, 1);                          // (B, Cs, 1, W)
        Tensor? v = null;
        for (var l = 0; l < layers.Count; l++)
        {
            var layer = layers[l];
            Tensor verticalPre;
            if (l == 0)
            {
                var band = layer.Vertical.call(_net.Embed(grid[.., (int)first..(int)(row + 1), ..]));                // (B, 2p, rows, W)
                verticalPre = band[TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Slice(-1)];
            }
            else
            {
                var window = cat([_verticalState[l]!, v!], 2);                                                 // (B, p, ⌈n/2⌉, W)
                var (_, _, left, right) = layer.Vertical.Padding;
                verticalPre = functional.conv2d(functional.pad(window, [left, right, 0, 0]), layer.Vertical.MaskedWeight(), layer.Vertical.Conv.bias);
                Replace(ref _verticalState[l], cat([_verticalState[l]![.., .., 1.., ..], v!], 2));
            }

            Replace(ref _links[l], layer.VerticalToHorizontal.call(verticalPre));
            if (map is not null)
            {
                Replace(ref _conditionLinks[l], layer.ConditionHorizontal!.call(map));
            }

            var conditioned = Add(verticalPre, layer.ClassVertical, layer.ConditionVertical, map);
            v = GatedLayer.Gate(conditioned);                                                                  // (B, p, 1, W)
        }

        for (var l = 1; l < layers.Count; l++)
        {
            var weight = layers[l].Horizontal.Conv.weight!;
            Replace(ref _horizontalState[l], zeros([_batch, _net.Options.Channels, 1, weight.shape[3] - 1], device: weight.device));
        }
    }

    /// <summary>The logits (B, K) at (current row, <paramref name="column"/>) from <paramref name="grid"/>, whose positions before it are drawn; columns in order from 0.</summary>
    public Tensor Step(Tensor grid, long column)
    {
        using var scope = NewDisposeScope();
        var layers = _net.Layers;
        var first = Math.Max(0, column - layers[0].Horizontal.Conv.weight!.shape[3] + 1);
        Tensor? h = null;
        Tensor? skips = null;
        for (var l = 0; l < layers.Count; l++)
        {
            var layer = layers[l];
            Tensor horizontal;
            if (l == 0)
            {
                var band = _net.Embed(grid[.., (int)_row..(int)(_row + 1), (int)first..(int)(column + 1)]);         // (B, E, 1, a + 1)
                horizontal = layer.Horizontal.call(band)[TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Slice(-1)];
            }
            else
            {
                var window = cat([_horizontalState[l]!, h!], 3);                                                 // (B, p, 1, ⌈n/2⌉)
                horizontal = functional.conv2d(window, layer.Horizontal.MaskedWeight(), layer.Horizontal.Conv.bias);
                var shifted = window[.., .., .., 1..].DetachFromDisposeScope();
                _horizontalState[l]!.Dispose();
                _horizontalState[l] = shifted;
            }

            var at = TensorIndex.Slice(column, column + 1);
            var horizontalPre = horizontal + _links[l]![TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Colon, at];
            var conditioned = Add(horizontalPre, layer.ClassHorizontal, null, null);
            if (_conditionLinks[l] is { } conditionLink)
            {
                conditioned = conditioned + conditionLink[TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Colon, at];
            }

            var gated = GatedLayer.Gate(conditioned);                                                          // (B, p, 1, 1)
            var projected = layer.HorizontalOut.call(gated);
            h = layer.Residual ? h! + projected : projected;
            var skip = layer.Skip.call(gated);
            skips = skips is null ? skip : skips + skip;
        }

        var hidden = functional.relu(_net.OutputHidden.call(functional.relu(skips!)));
        return _net.OutputLogits.call(hidden).flatten(1).MoveToOuterDisposeScope();                                // (B, K)
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var tensor in _verticalState.Concat(_horizontalState).Concat(_links).Concat(_conditionLinks))
        {
            tensor?.Dispose();
        }
    }

    // + the class bias (eq. 4) [+ the condition map's 1×1 convolution (eq. 5)], in GatedLayer's order.
    private Tensor Add(Tensor preActivation, TorchSharp.Modules.Embedding? byClass, TorchSharp.Modules.Conv2d? bySpace, Tensor? map)
    {
        if (byClass is not null && _labels is not null)
        {
            preActivation = preActivation + byClass.call(_labels).unsqueeze(-1).unsqueeze(-1);
        }

        return bySpace is not null && map is not null ? preActivation + bySpace.call(map) : preActivation;
    }

    private static void Replace(ref Tensor? slot, Tensor value)
    {
        slot?.Dispose();
        slot = value.DetachFromDisposeScope();
    }
}
