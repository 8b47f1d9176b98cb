using Pipeline.Primitives;

namespace Pipeline.MLNet;

/// <summary>Reads one row's graph inputs from a <see cref="DataViewRow"/> into a slot of the runner's buffers.</summary>
internal sealed class RowReader : IDisposable
{
    private readonly Action<int>[] _readers;
    private readonly DataViewRow _row;
    private MLImage?[] _images;

    public RowReader(BoundBinding bound, DataViewRow row, BatchRunner runner)
    {
        _row = row;
        _images = new MLImage?[bound.Inputs.Count];
        _readers = bound.Inputs.Select((input, i) => Create(input, i, row, runner)).ToArray();
    }

    public void Read(int slot)
    {
        foreach (var read in _readers)
        {
            read(slot);
        }
    }

    public void Dispose()
    {
        foreach (var image in _images)
        {
            image?.Dispose();
        }

        _images = [];
    }

    private Action<int> Create(BoundInput input, int index, DataViewRow row, BatchRunner runner)
    {
        var column = row.Schema[input.ColumnIndex];
        var name = input.Binding.Column;
        var size = input.Tensor.Size;
        switch (input.Kind)
        {
            case SourceKind.Vector:
            {
                var getter = row.GetGetter<VBuffer<float>>(column);
                var buffer = default(VBuffer<float>);
                return slot =>
                {
                    getter(ref buffer);
                    if (buffer.Length != size)
                    {
                        throw new InvalidOperationException($"Column '{name}', row {_row.Position}: the vector has {buffer.Length} values, the model's input '{input.Tensor.Name}' {input.Tensor.ShapeText} needs {size}.");
                    }

                    var destination = runner.FloatInputs[index].AsSpan(slot * size, size);
                    if (buffer.IsDense)
                    {
                        buffer.GetValues().CopyTo(destination);
                    }
                    else
                    {
                        destination.Clear();
                        var values = buffer.GetValues();
                        var indices = buffer.GetIndices();
                        for (var k = 0; k < values.Length; k++)
                        {
                            destination[indices[k]] = values[k];
                        }
                    }
                };
            }

            case SourceKind.Image:
            {
                var getter = row.GetGetter<MLImage>(column);
                return slot =>
                {
                    getter(ref _images[index]!);
                    var image = _images[index] ?? throw new InvalidOperationException($"Column '{name}', row {_row.Position}: no image (did LoadImages find the file?).");
                    input.Codec!.Read(image, runner.FloatInputs[index].AsSpan(slot * size, size), name, _row.Position);
                };
            }

            case SourceKind.Grid:
            {
                var item = ((VectorDataViewType)input.Type).ItemType;
                var copy = item == NumberDataViewType.Int64 ? GridReader<long>(row, column, v => v)
                    : item == NumberDataViewType.Int32 ? GridReader<int>(row, column, v => v)
                    : GridReader<float>(row, column, v => (long)v);
                return slot =>
                {
                    var destination = runner.IndexInputs[index].AsSpan(slot * size, size);
                    var length = copy(destination);
                    if (length != size)
                    {
                        throw new InvalidOperationException($"Column '{name}', row {_row.Position}: the grid has {length} indices, the model's input '{input.Tensor.Name}' {input.Tensor.ShapeText} needs {size}.");
                    }
                };
            }

            default:
            {
                var read = LabelGetter(row, column, input.Type);
                return slot =>
                {
                    var label = read();
                    if (label < 0 || (input.ClassCount > 0 && label >= input.ClassCount))
                    {
                        throw new InvalidOperationException($"Column '{name}', row {_row.Position}: class {label} is outside 0..{input.ClassCount - 1}.");
                    }

                    runner.IndexInputs[index].AsSpan(slot * size, size).Fill(label);
                };
            }
        }
    }

    /// <summary>Copies one row's vector into an int64 span (zeros where the vector is sparse); returns the vector's length.</summary>
    private static SpanCopier GridReader<T>(DataViewRow row, DataViewSchema.Column column, Func<T, long> convert)
    {
        var getter = row.GetGetter<VBuffer<T>>(column);
        var buffer = default(VBuffer<T>);
        return destination =>
        {
            getter(ref buffer);
            if (buffer.Length != destination.Length)
            {
                return buffer.Length;
            }

            var values = buffer.GetValues();
            if (buffer.IsDense)
            {
                for (var k = 0; k < values.Length; k++)
                {
                    destination[k] = convert(values[k]);
                }
            }
            else
            {
                destination.Clear();
                var indices = buffer.GetIndices();
                for (var k = 0; k < values.Length; k++)
                {
                    destination[indices[k]] = convert(values[k]);
                }
            }

            return buffer.Length;
        };
    }

    private delegate int SpanCopier(Span<long> destination);

    internal static Func<long> LabelGetter(DataViewRow row, DataViewSchema.Column column, DataViewType type)
    {
        if (type is KeyDataViewType)
        {
            var getter = row.GetGetter<uint>(column);
            uint key = 0;
            return () =>
            {
                getter(ref key);
                return key == 0 ? -1 : key - 1L; // keys are 1-based, 0 is missing
            };
        }

        if (type == NumberDataViewType.Int32)
        {
            var getter = row.GetGetter<int>(column);
            int value = 0;
            return () =>
            {
                getter(ref value);
                return value;
            };
        }

        if (type == NumberDataViewType.Int64)
        {
            var getter = row.GetGetter<long>(column);
            long value = 0;
            return () =>
            {
                getter(ref value);
                return value;
            };
        }

        var single = row.GetGetter<float>(column);
        float f = 0;
        return () =>
        {
            single(ref f);
            return (long)f;
        };
    }
}

/// <summary>Getters of our columns over a runner whose current row sits in slot <c>ensure()</c>.</summary>
internal static class OutputGetters
{
    public static Delegate Create(BoundOutput output, BatchRunner runner, Func<int> ensure) => output.Kind switch
    {
        OutputKind.Vector => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> dst) =>
        {
            var slot = ensure();
            var editor = VBufferEditor.Create(ref dst, output.Size);
            runner.Outputs[output.RunOutput].AsSpan(slot * output.Size, output.Size).CopyTo(editor.Values);
            dst = editor.Commit();
        }),
        OutputKind.IndexGrid => (ValueGetter<VBuffer<long>>)((ref VBuffer<long> dst) =>
        {
            var slot = ensure();
            var editor = VBufferEditor.Create(ref dst, output.Size);
            runner.IndexOutputs[output.RunOutput].AsSpan(slot * output.Size, output.Size).CopyTo(editor.Values);
            dst = editor.Commit();
        }),
        OutputKind.Image => (ValueGetter<MLImage>)((ref MLImage dst) =>
        {
            var slot = ensure();
            dst = output.Codec!.Write(runner.Outputs[output.RunOutput].AsSpan(slot * output.Size, output.Size));
        }),
        _ => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> dst) =>
        {
            var slot = ensure();
            var editor = VBufferEditor.Create(ref dst, output.Size);
            LatentSampler.Sample(
                runner.Outputs[output.RunOutput].AsSpan(slot * output.Size, output.Size),
                runner.Outputs[output.LogVarianceOutput].AsSpan(slot * output.Size, output.Size),
                output.Seed,
                editor.Values);
            dst = editor.Commit();
        }),
    };

    public static ValueGetter<T> Typed<T>(Delegate getter, BoundOutput output) => getter as ValueGetter<T>
        ?? throw new InvalidOperationException($"Column '{output.Column}' is {output.Type}; a getter of {typeof(T).Name} was asked for.");
}

/// <summary>
/// z = μ + exp(½ log σ²) · ε (the reparameterisation of Kingma and Welling 2014, eq. 10), with ε ~ N(0, I) drawn from a
/// generator seeded by (seed, the bits of μ): the same row gives the same z batched or alone, in any order.
/// </summary>
internal static class LatentSampler
{
    public static void Sample(ReadOnlySpan<float> mean, ReadOnlySpan<float> logVariance, int seed, Span<float> z)
    {
        var state = SplitMix64.Golden * (ulong)(uint)seed;
        foreach (var m in mean)
        {
            state = SplitMix64.Mix(state ^ BitConverter.SingleToUInt32Bits(m));
        }

        var random = new SplitMix64(state);
        for (var i = 0; i < z.Length; i += 2)
        {
            var (first, second) = Gaussian.NextPair(ref random);
            z[i] = mean[i] + (MathF.Exp(0.5f * logVariance[i]) * (float)first);
            if (i + 1 < z.Length)
            {
                z[i + 1] = mean[i + 1] + (MathF.Exp(0.5f * logVariance[i + 1]) * (float)second);
            }
        }
    }
}
