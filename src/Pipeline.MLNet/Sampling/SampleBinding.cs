using System.Text.Json;
using Microsoft.ML.Transforms.Image;
using Pipeline.Onnx.Sampling;

namespace Pipeline.MLNet.Sampling;

/// <summary>The columns and sampling settings of a <c>SampleImages</c> transform: what a saved model stores besides the ONNX files.</summary>
internal sealed record SampleBinding(string Output, string Seed, string? Label, string? Image, double Temperature, int? TopK, double? TopP, double Guidance = 1.0)
{
    public CategoricalSampling Sampling => new(Temperature, TopK, TopP, Guidance);

    public static SampleBinding From(SampleImagesOptions o) =>
        new(o.OutputColumnName, o.SeedColumnName, o.LabelColumnName, o.ImageColumnName, o.Sampling.Temperature, o.Sampling.TopK, o.Sampling.TopP, o.Sampling.Guidance);

    public string ToJson() => JsonSerializer.Serialize(this);

    public static SampleBinding FromJson(string json) => JsonSerializer.Deserialize<SampleBinding>(json) ?? throw new InvalidDataException("Empty sampler binding.");

    /// <summary>Checks the names against the model before any schema is seen.</summary>
    public void Validate(AutoregressiveImageSampler sampler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Output, "OutputColumnName");
        ArgumentException.ThrowIfNullOrWhiteSpace(Seed, "SeedColumnName");
        Sampling.Validate();
        if (sampler.ClassCount is { } classes && Label is null)
        {
            throw new ArgumentException($"{sampler.Source} is class-conditional ({classes} classes): set LabelColumnName to the column of the requested classes.", "LabelColumnName");
        }

        if (Sampling.IsGuided && !sampler.CanGuide)
        {
            throw new ArgumentException($"{sampler.Source}: guidance {Guidance} needs priors trained with class dropout (train with --class-dropout); use guidance 1 with this export.", "Sampling");
        }

        if (sampler.ClassCount is null && Label is not null)
        {
            throw new ArgumentException($"{sampler.Source} is unconditional: it takes no class, so LabelColumnName ('{Label}') must be null.", "LabelColumnName");
        }
    }
}

/// <summary>A <see cref="SampleBinding"/> bound to an input schema: the seed and label columns checked, the output schema built.</summary>
internal sealed class BoundSample
{
    public BoundSample(AutoregressiveImageSampler sampler, SampleBinding binding, DataViewSchema schema)
    {
        Binding = binding;
        InputSchema = schema;
        var seed = Column(schema, binding.Seed, "a seed (Int64, Int32, UInt32 or UInt64)");
        if (seed.Type != NumberDataViewType.Int64 && seed.Type != NumberDataViewType.Int32 && seed.Type != NumberDataViewType.UInt32 && seed.Type != NumberDataViewType.UInt64)
        {
            throw SchemaError(binding.Seed, "a seed (Int64, Int32, UInt32 or UInt64)", seed.Type.ToString()!);
        }

        SeedColumn = seed;
        if (binding.Label is { } label)
        {
            var expected = $"a class index in [0, {sampler.ClassCount - 1}] (Key<UInt32>, Int32, Int64 or Single)";
            var column = Column(schema, label, expected);
            var ok = column.Type is KeyDataViewType { RawType: var raw } ? raw == typeof(uint)
                : column.Type == NumberDataViewType.Int32 || column.Type == NumberDataViewType.Int64 || column.Type == NumberDataViewType.Single;
            LabelColumn = ok ? column : throw SchemaError(label, expected, column.Type.ToString()!);
        }

        var (c, h, w) = sampler.ImageShape;
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(schema);
        builder.AddColumn(binding.Output, new VectorDataViewType(NumberDataViewType.Single, c, h, w));
        if (binding.Image is { } image)
        {
            builder.AddColumn(image, new ImageDataViewType(h, w));
        }

        OutputSchema = builder.ToSchema();
    }

    public SampleBinding Binding { get; }

    public DataViewSchema InputSchema { get; }

    public DataViewSchema OutputSchema { get; }

    public DataViewSchema.Column SeedColumn { get; }

    public DataViewSchema.Column? LabelColumn { get; }

    /// <summary>The input columns our columns are computed from.</summary>
    public IEnumerable<DataViewSchema.Column> Sources => LabelColumn is { } l ? [SeedColumn, l] : [SeedColumn];

    /// <summary>Reads a row's seed as a long (unsigned 64-bit seeds keep their bits).</summary>
    public Func<long> SeedGetter(DataViewRow row)
    {
        var type = SeedColumn.Type;
        if (type == NumberDataViewType.Int64)
        {
            var g = row.GetGetter<long>(SeedColumn);
            long v = 0;
            return () => { g(ref v); return v; };
        }

        if (type == NumberDataViewType.Int32)
        {
            var g = row.GetGetter<int>(SeedColumn);
            int v = 0;
            return () => { g(ref v); return v; };
        }

        if (type == NumberDataViewType.UInt32)
        {
            var g = row.GetGetter<uint>(SeedColumn);
            uint v = 0;
            return () => { g(ref v); return v; };
        }

        var u = row.GetGetter<ulong>(SeedColumn);
        ulong x = 0;
        return () => { u(ref x); return unchecked((long)x); };
    }

    /// <summary>Reads a row's class (key k → k − 1), checked against the model's classes with an error naming the column and row.</summary>
    public Func<long> LabelGetter(DataViewRow row, AutoregressiveImageSampler sampler)
    {
        if (LabelColumn is not { } column)
        {
            return () => 0;
        }

        var read = RowReader.LabelGetter(row, column, column.Type);
        return () =>
        {
            var label = read();
            if (label < 0 || label >= sampler.ClassCount)
            {
                throw new InvalidOperationException($"Column '{column.Name}', row {row.Position}: class {label} is outside 0..{sampler.ClassCount - 1} of {sampler.Source}.");
            }

            return label;
        };
    }

    private static DataViewSchema.Column Column(DataViewSchema schema, string name, string expected) =>
        schema.GetColumnOrNull(name) ?? throw SchemaError(name, expected, "no such column", $" Columns: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name))}.");

    private static ArgumentOutOfRangeException SchemaError(string column, string expected, string actual, string more = "") =>
        new("inputSchema", $"Schema mismatch for input column '{column}': expected {expected}, got {actual}.{more}");
}
