namespace Pipeline.MLNet.PlainApp;

/// <summary>
/// A decoder of code grids (VQ-VAE-2's): uniform random codes rather than the codes of real images, as the export
/// folder holds no data set and the zip is checked for computing what ONNX Runtime computes.
/// </summary>
internal sealed class CodeGridPlainWriter : IPlainModelWriter
{
    public string Role => OnnxMetadataKeys.Roles.Decoder;

    public bool Writes(GenerativeOnnxModel model) => model.Inputs.All(i => GenerativeBinding.KindOf(i) == InputKind.IndexGrid);

    public PlainModelRows Rows(string file, GenerativeOnnxModel model, MLContext ml, Random random, int rows)
    {
        var top = model.Input(VqVae2ExportFolder.TopCodes);
        var bottom = model.Input(VqVae2ExportFolder.BottomCodes);
        var topCodes = CodebookSize(model, OnnxMetadataKeys.Codes.TopCodebookSize);
        var bottomCodes = CodebookSize(model, OnnxMetadataKeys.Codes.BottomCodebookSize);
        var inputs = Enumerable.Range(0, rows).Select(_ => new CodeRow
        {
            Top = Enumerable.Range(0, top.Size).Select(_ => (long)random.Next(topCodes)).ToArray(),
            Bottom = Enumerable.Range(0, bottom.Size).Select(_ => (long)random.Next(bottomCodes)).ToArray(),
        }).ToArray();

        var schema = SchemaDefinition.Create(typeof(CodeRow));
        schema[nameof(CodeRow.Top)].ColumnType = new VectorDataViewType(NumberDataViewType.Int64, top.Dims);
        schema[nameof(CodeRow.Bottom)].ColumnType = new VectorDataViewType(NumberDataViewType.Int64, bottom.Dims);
        var data = ml.Data.LoadFromEnumerable(inputs, schema);
        var estimator = ml.Transforms.DecodeFromCodes(PlainMlNetModel.ImageColumn, file, [PlainMlNetModel.TopCodesColumn, PlainMlNetModel.BottomCodesColumn]);
        return new PlainModelRows(data, estimator,
            [(PlainMlNetModel.TopCodesColumn, data.Schema[PlainMlNetModel.TopCodesColumn].Type.ToString()!), (PlainMlNetModel.BottomCodesColumn, data.Schema[PlainMlNetModel.BottomCodesColumn].Type.ToString()!)],
            images => inputs.Zip(images, (r, image) => (object)new ExpectedRow(r.Top, r.Bottom, image)).ToArray());
    }

    private static int CodebookSize(GenerativeOnnxModel model, string key) =>
        model.Properties.TryGetValue(key, out var text) && int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var size) && size >= 1
            ? size
            : throw model.MissingMetadata(key, "a positive codebook size");

    private sealed class CodeRow
    {
        public long[] Top { get; set; } = [];

        public long[] Bottom { get; set; } = [];
    }

    private sealed record ExpectedRow(long[] Top, long[] Bottom, float[] Image);
}
