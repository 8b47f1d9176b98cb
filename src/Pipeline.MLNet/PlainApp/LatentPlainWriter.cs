using Pipeline.Primitives;

namespace Pipeline.MLNet.PlainApp;

/// <summary>A generator or a latent decoder (the VAE's): z ~ N(0, I), with a label column when it is class-conditional.</summary>
internal sealed class LatentPlainWriter(string role) : IPlainModelWriter
{
    public string Role => role;

    public bool Writes(GenerativeOnnxModel model) => model.Inputs.Any(i => GenerativeBinding.KindOf(i) == InputKind.FloatTensor);

    public PlainModelRows Rows(string file, GenerativeOnnxModel model, MLContext ml, Random random, int rows)
    {
        var metadata = model.Metadata;
        var latent = metadata.LatentSize ?? throw new InvalidDataException($"{file}: no {OnnxMetadataKeys.LatentSize} metadata; export it with `pipeline export`.");
        var conditional = model.Inputs.Any(i => GenerativeBinding.KindOf(i) == InputKind.ClassIndex);
        var classes = metadata.ClassCount ?? 1;
        var inputs = Enumerable.Range(0, rows).Select(i => new LatentRow
        {
            Z = Enumerable.Range(0, latent).Select(_ => (float)Gaussian.Next(random)).ToArray(),
            Label = i % classes,
        }).ToArray();

        var schema = SchemaDefinition.Create(typeof(LatentRow));
        schema[nameof(LatentRow.Z)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, latent);
        var data = ml.Data.LoadFromEnumerable(inputs, schema);
        (string, string)[] columns = conditional
            ? [(PlainMlNetModel.LatentColumn, data.Schema[PlainMlNetModel.LatentColumn].Type.ToString()!), (PlainMlNetModel.LabelColumn, data.Schema[PlainMlNetModel.LabelColumn].Type.ToString()!)]
            : [(PlainMlNetModel.LatentColumn, data.Schema[PlainMlNetModel.LatentColumn].Type.ToString()!)];
        var estimator = ml.Transforms.GenerateImages(PlainMlNetModel.ImageColumn, file, PlainMlNetModel.LatentColumn, conditional ? PlainMlNetModel.LabelColumn : null);
        return new PlainModelRows(data, estimator, columns,
            images => inputs.Zip(images, (r, image) => (object)new ExpectedRow(r.Z, conditional ? r.Label : null, image)).ToArray());
    }

    private sealed class LatentRow
    {
        public float[] Z { get; set; } = [];

        public int Label { get; set; }
    }

    private sealed record ExpectedRow(float[] Z, int? Label, float[] Image);
}
