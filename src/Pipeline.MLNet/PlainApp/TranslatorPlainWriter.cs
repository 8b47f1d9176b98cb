namespace Pipeline.MLNet.PlainApp;

/// <summary>
/// A translator: uniform noise of the metadata's image size rather than real images, as the export folder holds no
/// data set and the zip is checked for computing what ONNX Runtime computes.
/// </summary>
internal sealed class TranslatorPlainWriter : IPlainModelWriter
{
    public string Role => OnnxMetadataKeys.Roles.Translator;

    public bool Writes(GenerativeOnnxModel model) => true;

    public PlainModelRows Rows(string file, GenerativeOnnxModel model, MLContext ml, Random random, int rows)
    {
        var codec = model.RequireImage(model.Inputs[0]);
        int[] dims = [codec.Channels, codec.Height, codec.Width];
        var inputs = Enumerable.Range(0, rows).Select(_ => new SourceRow
        {
            Source = Enumerable.Range(0, codec.Channels * codec.Height * codec.Width).Select(_ => codec.Min + ((codec.Max - codec.Min) * (float)random.NextDouble())).ToArray(),
        }).ToArray();

        var schema = SchemaDefinition.Create(typeof(SourceRow));
        schema[nameof(SourceRow.Source)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dims);
        var data = ml.Data.LoadFromEnumerable(inputs, schema);
        return new PlainModelRows(data, ml.Transforms.GenerateImages(PlainMlNetModel.ImageColumn, file, PlainMlNetModel.SourceColumn),
            [(PlainMlNetModel.SourceColumn, data.Schema[PlainMlNetModel.SourceColumn].Type.ToString()!)],
            images => inputs.Zip(images, (r, image) => (object)new ExpectedRow(r.Source, image)).ToArray());
    }

    private sealed class SourceRow
    {
        public float[] Source { get; set; } = [];
    }

    private sealed record ExpectedRow(float[] Source, float[] Image);
}
